// Accessibility: an axe-core audit of the main views (start, results with history and costs, an error,
// every panel open, the prompt library, the annotation editor, Chinese, dark theme, the embedded element) finds nothing serious or critical; and a
// keyboard-only run goes from an empty form to a downloaded image, with focus always visible and the
// outcome announced in live regions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, open, configure, generate, serveDist, EXAMPLES, openSettings, tileAction, historyMenu } from './harness.mjs';
import { png } from './png.mjs';

const AXE = fs.readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Serious and critical axe violations on the page as it is now (shadow roots included). */
async function audit(page, view) {
  // Evaluated through DevTools, so the page's Content-Security-Policy (which allows no such script) stays on.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(found, [], `${view}: ${found.join('\n')}`);
}

test('axe-core finds no serious or critical violation in the main views', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await env.browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByTestId('prompt').waitFor();
    await audit(page, `start (${colorScheme})`);
    await configure(page, env);
    await page.getByTestId('ref-input').setInputFiles([{ name: 'ref.png', mimeType: 'image/png', buffer: png(64, 64) }]);
    await generate(page, 'an accessible banana');
    await page.getByTestId('result-image').first().waitFor();
    await page.locator('details').evaluateAll((all) => all.forEach((d) => { d.open = true; }));
    await page.getByTestId('more-options').click();
    await page.getByTestId('batch').waitFor();
    await audit(page, `results, every panel open (${colorScheme})`);
    await page.getByTestId('open-lightbox').first().click();
    await page.getByTestId('lightbox-image').waitFor();
    await audit(page, `lightbox (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('lightbox').waitFor({ state: 'detached' });
    await page.getByTestId('aspect-ratio').click();
    await page.getByTestId('aspect-ratio-menu').waitFor();
    await audit(page, `a chip's menu open (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('open-lightbox').first().click();
    await page.getByTestId('lightbox-image').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('lightbox').waitFor({ state: 'detached' });
    await page.getByTestId('open-library').click();
    await page.getByTestId('library-save').waitFor();
    await audit(page, `prompt library (${colorScheme})`);
    await page.getByTestId('open-library').click();
    // Finding images: the collection picker, the filter panel over a collection's stage, the spend
    // ledger, the command palette and the shortcuts sheet.
    await (await tileAction(page, 'add-to-collection')).click();
    await page.getByTestId('collection-picker').waitFor();
    await audit(page, `collection picker (${colorScheme})`);
    await page.getByTestId('new-collection-name').fill('Accessible');
    await page.keyboard.press('Enter');
    await page.getByTestId('collection-picker').waitFor({ state: 'detached' });
    await historyMenu(page);
    await page.getByTestId('open-collection').click();
    await page.getByTestId('collection-bar').waitFor();
    await page.getByTestId('history-filter').click();
    await page.getByTestId('filter-panel').waitFor();
    await audit(page, `filter panel over a collection's stage (${colorScheme})`);
    await page.getByTestId('history-filter').click();
    await page.getByTestId('show-all').click();
    await historyMenu(page);
    await page.getByTestId('open-ledger').click();
    await page.getByTestId('ledger-total').waitFor();
    await audit(page, `spend ledger (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('ledger').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    await audit(page, `command palette (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-sheet').waitFor();
    await audit(page, `shortcuts sheet (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-sheet').waitFor({ state: 'detached' });
    await (await tileAction(page, 'annotate')).click();
    await page.getByTestId('annotate-canvas').waitFor();
    await audit(page, `annotation editor (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
    await openSettings(page);
    await page.getByTestId('api-key').fill('scenario:http-401');
    await generate(page, 'an error');
    await page.getByTestId('error').waitFor({ state: 'visible' });
    await audit(page, `error shown (${colorScheme})`);
    await openSettings(page);
    await page.getByTestId('language').selectOption('zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await audit(page, `Chinese (${colorScheme})`);
    await context.close();
  }
  // The custom element on a host page.
  const host = await serveDist({ root: EXAMPLES, rewrite: (_r, t) => t.replaceAll('http://127.0.0.1:8080/', env.app.url) });
  const page = await env.browser.newPage();
  await page.goto(new URL('custom-element/index.html', host.url).href);
  await page.locator('banana-studio').getByTestId('prompt').waitFor();
  await audit(page, 'embedded element');
  // Inside the host page the studio is one labelled region, not a second banner, main and h1.
  await page.evaluate(AXE);
  const landmarks = await page.evaluate(async () => (await axe.run(document, { runOnly: ['landmark-no-duplicate-main', 'landmark-no-duplicate-banner', 'landmark-main-is-top-level', 'landmark-banner-is-top-level', 'page-has-heading-one'] })).violations.map((v) => v.id));
  assert.deepEqual(landmarks, []);
  await page.close();
  await host.close();
});

/** Presses Tab until the element with `testid` has the focus (as a user tabs until they see it). */
async function tabTo(page, testid, { max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { testid: el?.dataset?.testid, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, tag: el.tagName };
    });
    // Whatever has the focus shows it, not only the controls this run uses.
    assert.ok(focus.outline || focus.tag === 'BODY', `focus is not visible on ${focus.tag} ${focus.testid ?? ''}`);
    if (focus.testid === testid) return;
  }
  assert.fail(`Tab never reached ${testid}`);
}

test('keyboard only: from an empty form to a downloaded image, with status and errors announced', async () => {
  const page = await open(env);
  const body = page.locator('body');
  await body.focus();
  // The settings, from the gear: Enter opens them with the focus inside, Esc puts them away.
  await tabTo(page, 'open-settings');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'close-settings');
  // Provider: the select takes letters and arrows.
  await tabTo(page, 'provider');
  await page.keyboard.type('Custom');
  await page.waitForFunction(() => document.querySelector('[data-testid=provider]').value === 'custom');
  await tabTo(page, 'base-url');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(env.provider.url);
  await tabTo(page, 'api-key');
  await page.keyboard.type('test-key');
  await page.keyboard.press('Escape');
  await page.getByTestId('settings').waitFor({ state: 'hidden' });
  // A reference through the file picker, opened from the keyboard.
  await tabTo(page, 'ref-input');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles([{ name: 'keyboard.png', mimeType: 'image/png', buffer: png(48, 48) }]);
  await page.getByTestId('ref-thumb').first().waitFor();
  // Missing prompt: the error is announced (role=alert) and the focus stays usable.
  await tabTo(page, 'generate');
  await page.keyboard.press('Enter');
  const error = page.getByTestId('error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.getAttribute('role'), 'alert');
  await tabTo(page, 'prompt');
  await page.keyboard.type('typed, never clicked');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('result-image').first().waitFor();
  const status = page.getByTestId('status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent.trim().length > 0);
  // To the result's download link, and Enter downloads the image.
  await tabTo(page, 'download');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG was downloaded');
  assert.match(download.suggestedFilename(), /\.png$/);
  await page.context().close();
});
