// The composer-first screen: the first screen holds the prompt and Generate, nothing scrolls sideways,
// the settings are a panel, a welcome greets a studio without a key, results open in a lightbox, sizes
// the provider ignored are marked, the theme is kept, and the embedded element fits its box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, openSettings, naturalWidth, serveDist, waitForStoreCount, EXAMPLES, details, closeDetails, pick } from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** The element's box lies inside the viewport. */
async function inViewport(page, testid) {
  const box = await page.getByTestId(testid).boundingBox();
  const { width, height } = page.viewportSize();
  assert.ok(box, `${testid} is shown`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5,
    `${testid} at ${JSON.stringify(box)} is inside ${width}×${height}`);
}

/** The page is no wider than the viewport. */
async function noSideways(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `${what}: scrollWidth ${scroll} > ${inner}`);
}

/** Waits until the running generation has ended. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=job-card]') && !document.querySelector('[data-testid=generate]').disabled);
}

for (const [w, h] of [[1440, 900], [390, 844]]) {
  test(`first screen at ${w}×${h} on a fresh profile: the prompt and Generate in view, a welcome that leads to the settings`, async () => {
    const context = await env.browser.newContext({ viewport: { width: w, height: h } });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByTestId('prompt').waitFor();
    await inViewport(page, 'prompt');
    await inViewport(page, 'generate');
    // The welcome comes with the controls' chunk, fetched at idle right after the first paint.
    await page.getByTestId('welcome').waitFor();
    await inViewport(page, 'welcome');
    await inViewport(page, 'prompt');
    assert.equal(await page.getByTestId('settings').isHidden(), true, 'settings start closed');
    // The welcome's button opens the settings with the focus inside; Esc closes them, focus back on the gear.
    await page.getByTestId('welcome-settings').click();
    await page.getByTestId('api-key').waitFor();
    await inViewport(page, 'api-key');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'close-settings');
    assert.match(await page.getByTestId('remember-risk').innerText(), /unencrypted/);
    await page.getByTestId('api-key').fill('typed-key');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings').waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'open-settings');
    assert.equal(await page.getByTestId('open-settings').getAttribute('aria-expanded'), 'false');
    // With a key the welcome is gone, and the key is still there.
    assert.equal(await page.getByTestId('welcome').count(), 0);
    assert.equal(await page.getByTestId('api-key').inputValue(), 'typed-key');
    await context.close();
  });
}

test('no view scrolls sideways from 320 px up: stage, references, settings, more options, lightbox', async () => {
  const page = await open(env);
  await configure(page, env);
  await page.getByTestId('close-settings').click();
  await pick(page, 'aspect-ratio', '21:9');
  await generate(page, 'a very wide panorama of bananas '.repeat(8));
  await settled(page);
  await pick(page, 'aspect-ratio', '9:16');
  await generate(page, 'tall');
  await settled(page);
  await page.getByTestId('ref-input').setInputFiles([1, 2, 3, 4].map((i) => ({ name: `r${i}.png`, mimeType: 'image/png', buffer: png(300, 200, [i * 50, 90, 30], [20, i * 40, 200]) })));
  await page.getByTestId('ref-thumb').nth(3).waitFor();
  for (const width of [320, 390, 768, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(100);
    await noSideways(page, `${width} px, stage`);
    await inViewport(page, 'generate');
    await page.getByTestId('more-options').click();
    await page.getByTestId('batch').waitFor();
    await noSideways(page, `${width} px, more options`);
    await page.getByTestId('more-options').click();
    await openSettings(page);
    await page.getByTestId('prices').locator('summary').click();
    await noSideways(page, `${width} px, settings with prices`);
    await inViewport(page, 'close-settings');
    await page.getByTestId('prices').locator('summary').click();
    await page.getByTestId('close-settings').click();
    await page.getByTestId('open-lightbox').first().click();
    await page.getByTestId('lightbox-image').waitFor();
    await noSideways(page, `${width} px, lightbox`);
    await inViewport(page, 'lightbox-close');
    await page.keyboard.press('Escape');
    await page.getByTestId('lightbox').waitFor({ state: 'detached' });
  }
  await page.context().close();
});

test('lightbox: full size, ←/→, zoom to 100 %, details, download, use as reference, continue editing, delete, Esc', async () => {
  const page = await open(env);
  await configure(page, env);
  await page.getByTestId('close-settings').click();
  await pick(page, 'image-size', '2K');
  for (const p of ['first', 'second', 'third']) { await generate(page, p); await settled(page); }
  assert.deepEqual(await page.getByTestId('result-prompt').allInnerTexts(), ['third', 'second', 'first']);
  await page.getByTestId('open-lightbox').nth(1).click();
  const box = page.getByTestId('lightbox');
  await box.waitFor();
  assert.equal(await page.getByTestId('lightbox-prompt').innerText(), 'second');
  assert.equal(await box.getAttribute('role'), 'dialog');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'lightbox');
  assert.match(await box.getByTestId('result-size').innerText(), /^2048×2048 · 1:1 · 2K/);
  assert.match(await box.innerText(), /gemini-3\.1-flash-image/);
  assert.match(await box.getByTestId('result-cost').innerText(), /\$/);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('lightbox-prompt').innerText(), 'first');
  assert.equal(await page.getByTestId('lightbox-next').isDisabled(), true, 'the last one has no next');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByTestId('lightbox-prompt').innerText(), 'third');
  // Zoom to 100 %: the image is drawn at its own pixel size (2048 px), scrollable.
  const shownWidth = () => page.getByTestId('lightbox-image').evaluate((i) => i.getBoundingClientRect().width);
  assert.ok((await shownWidth()) < 2048, 'fitted first');
  await page.getByTestId('lightbox-zoom').click();
  assert.equal(await page.getByTestId('lightbox-zoom').getAttribute('aria-pressed'), 'true');
  assert.equal(Math.round(await shownWidth()), 2048);
  await page.getByTestId('lightbox-zoom').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lightbox-download').click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  // Use as reference: the composer has it, the lightbox closes.
  await page.getByTestId('lightbox-reference').click();
  await page.getByTestId('ref-thumb').first().waitFor();
  assert.equal(await box.count(), 0);
  // Continue editing from the lightbox.
  await page.getByTestId('open-lightbox').first().click();
  await page.getByTestId('lightbox-continue').click();
  await page.getByTestId('editing').waitFor();
  // Delete from the lightbox: the image before takes its place (it was the last); Esc closes and gives
  // the focus back to the card it was opened from.
  await page.getByTestId('open-lightbox').nth(2).click();
  assert.equal(await page.getByTestId('lightbox-prompt').innerText(), 'first');
  await page.getByTestId('lightbox-delete').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  assert.equal(await page.getByTestId('lightbox-prompt').innerText(), 'second');
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  await page.getByTestId('open-lightbox').first().focus();
  await page.keyboard.press('Enter');
  await box.waitFor();
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'open-lightbox');
  await page.context().close();
});

test('lightbox of a saved result reads its full image, not the thumbnail', async () => {
  const page = await open(env);
  await configure(page, env);
  await generate(page, 'kept');
  await settled(page);
  assert.equal(await waitForStoreCount(page, 'thumbs', 1), 1);
  await page.reload();
  await page.getByTestId('result-image').first().waitFor();
  assert.ok((await naturalWidth(page.getByTestId('result-image').first())) <= 256, 'the card shows the thumbnail');
  await page.getByTestId('open-lightbox').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid=lightbox-image]')?.naturalWidth === 1024);
  await page.context().close();
});

test('honest sizes: an image that is not the size or ratio asked is marked on the card and in the lightbox', async () => {
  const page = await open(env);
  await configure(page, env);
  await pick(page, 'aspect-ratio', '16:9');
  await pick(page, 'image-size', '2K');
  await generate(page, 'as asked');
  await settled(page);
  assert.match(await (await details(page)).getByTestId('result-size').innerText(), /^2048×1152 · 16:9 · 2K$/);
  await closeDetails(page);
  assert.equal(await page.getByTestId('size-mismatch').count(), 0);
  // A relay that ignores imageConfig answers a 1K square.
  await pick(page, 'image-size', '4K');
  await page.getByTestId('api-key').fill('scenario:ignores-size');
  await generate(page, 'ignored');
  await settled(page);
  const card = page.getByTestId('result-card').first();
  assert.equal(await card.getByTestId('size-mismatch').innerText(), 'asked 4K, 16:9');
  await card.getByTestId('open-lightbox').click();
  assert.match(await page.getByTestId('lightbox').getByTestId('result-size').innerText(), /^1024×1024 · 1:1 · 1K/);
  assert.equal(await page.getByTestId('lightbox').getByTestId('size-mismatch').innerText(), 'asked 4K, 16:9');
  await page.keyboard.press('Escape');
  // In Chinese too.
  await openSettings(page);
  await page.getByTestId('language').selectOption('zh-CN');
  // The Chinese texts are fetched on their first use.
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await card.getByTestId('size-mismatch').innerText(), '请求的是 4K, 16:9');
  await page.context().close();
});

test('theme: chosen in the settings, applied at once and kept after a reload', async () => {
  const page = await open(env);
  const bg = () => page.locator('.studio').evaluate((e) => getComputedStyle(e).backgroundColor.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b));
  await openSettings(page);
  await page.getByTestId('theme').selectOption('dark');
  assert.equal(await page.locator('.studio').getAttribute('data-theme'), 'dark');
  assert.ok((await bg()) < 150, 'dark background');
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.locator('.studio').getAttribute('data-theme'), 'dark');
  await openSettings(page);
  assert.equal(await page.getByTestId('theme').inputValue(), 'dark');
  await page.getByTestId('theme').selectOption('light');
  assert.ok((await bg()) > 600, 'light background');
  await page.getByTestId('theme').selectOption('system');
  assert.equal(await page.locator('.studio').getAttribute('data-theme'), null);
  await page.context().close();
});

test('embedded: the studio fits the element\'s box, its heading is a second-level heading', async () => {
  const app = await serveDist({ prefix: '/banana-studio/' });
  const rewrite = (_rel, text) => text.replaceAll('http://127.0.0.1:8080/', app.url).replaceAll('http://127.0.0.1:8788', env.provider.url.replace(/\/$/, ''));
  const host = await serveDist({ root: EXAMPLES, rewrite });
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(new URL('custom-element/index.html', host.url).href);
    const studio = page.locator('banana-studio');
    await studio.getByTestId('prompt').waitFor();
    await studio.evaluate((el) => { el.style.display = 'block'; el.style.width = '420px'; el.style.height = '640px'; el.style.overflow = 'auto'; });
    await page.waitForTimeout(200);
    const el = await studio.boundingBox();
    for (const id of ['prompt', 'generate', 'open-settings']) {
      const b = await studio.getByTestId(id).boundingBox();
      assert.ok(b.x >= el.x && b.x + b.width <= el.x + el.width + 0.5 && b.y >= el.y && b.y + b.height <= el.y + el.height + 0.5, `${id} ${JSON.stringify(b)} inside ${JSON.stringify(el)}`);
    }
    const wide = await studio.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    assert.ok(wide.scroll <= wide.client, `no sideways scroll in the box: ${JSON.stringify(wide)}`);
    // A narrow box gets the narrow layout: the settings lie over the stage inside the box.
    await openSettings(studio);
    const s = await studio.getByTestId('settings').boundingBox();
    assert.ok(s.x >= el.x - 0.5 && s.x + s.width <= el.x + el.width + 0.5, `settings ${JSON.stringify(s)} inside the box`);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Banana Studio', exact: true }).count(), 1);
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Banana Studio', exact: true }).count(), 0);
  } finally {
    await context.close(); await host.close(); await app.close();
  }
});
