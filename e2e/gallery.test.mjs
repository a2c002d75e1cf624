// The stage as a gallery: justified rows of images at three viewport sizes, quiet tiles (no control
// and few words at rest, at most five controls on hover), every action reachable from the keyboard
// through the tile's bar and menu, the lightbox's labels and position, selection with Shift ranges.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, configure, generate, pick } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const SHAPES = ['16:9', '9:16', '1:1', '4:3', '21:9', '3:4'];

/** A studio at `width`×`height` with one result of each shape (the test provider answers at the ratio asked). */
async function gallery(width, height) {
  env.provider.reset();
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  await configure(page, env);
  if (await page.getByTestId('close-settings').isVisible()) await page.getByTestId('close-settings').click();
  for (const [i, ratio] of SHAPES.entries()) {
    await pick(page, 'aspect-ratio', ratio);
    await generate(page, `shape ${ratio} number ${i + 1}`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-image]').length === n
      && !document.querySelector('[data-testid=job-card]'), i + 1);
  }
  // Away from the tiles, and their bars faded out.
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => [...document.querySelectorAll('.tile .bar')].every((b) => getComputedStyle(b).opacity === '0'));
  return page;
}

/** The tiles' boxes grouped into rows (by their top edge), and the gallery's width. */
async function rows(page) {
  return page.evaluate(() => {
    const gallery = document.querySelector('.results');
    const boxes = [...gallery.querySelectorAll('[data-testid=result-card]')].map((t) => t.getBoundingClientRect());
    const rows = [];
    for (const b of boxes) {
      const row = rows.find((r) => Math.abs(r[0].top - b.top) < 2);
      if (row) row.push({ top: b.top, width: b.width, height: b.height }); else rows.push([{ top: b.top, width: b.width, height: b.height }]);
    }
    return { rows, width: gallery.clientWidth, gap: parseFloat(getComputedStyle(gallery).columnGap) };
  });
}

for (const [w, h] of [[1440, 900], [768, 1024], [390, 844]]) {
  test(`gallery at ${w}×${h}: justified rows, quiet tiles`, async () => {
    const page = await gallery(w, h);
    const { rows: all, width, gap } = await rows(page);
    assert.ok(gap >= 4 && gap <= 8, `gap ${gap}`);
    assert.equal(all.flat().length, SHAPES.length);
    for (const [i, row] of all.entries()) {
      const heights = row.map((t) => t.height);
      assert.ok(Math.max(...heights) - Math.min(...heights) <= 1, `row ${i}: equal heights ${heights}`);
      const used = row.reduce((s, t) => s + t.width, 0) + gap * (row.length - 1);
      if (i < all.length - 1) assert.ok(Math.abs(used - width) <= width * 0.03, `row ${i} fills the width: ${used} of ${width}`);
      assert.ok(used <= width + 1, `row ${i} fits: ${used} of ${width}`);
      if (w >= 1024) assert.ok(heights[0] >= 280 && heights[0] <= 420, `desktop row ${i} is ${heights[0]} px tall`);
      if (w < 560) assert.ok(row.length <= 2, `a phone row holds one or two: ${row.length}`);
    }
    // True ratios: each image's box has its pixels' ratio.
    const ratios = await page.getByTestId('result-image').evaluateAll((is) => is.map((i) => [i.naturalWidth / i.naturalHeight, i.clientWidth / i.clientHeight]));
    for (const [natural, shown] of ratios) assert.ok(Math.abs(natural - shown) / natural < 0.02, `ratio ${natural} shown as ${shown}`);

    // At rest: the image, no visible control, at most 12 words.
    const rest = await page.getByTestId('result-card').evaluateAll((tiles) => tiles.map((tile) => {
      const seen = (el) => {
        for (let e = el; e && e !== tile.parentElement; e = e.parentElement) {
          const s = getComputedStyle(e);
          if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
        }
        return true;
      };
      const controls = [...tile.querySelectorAll('button, a, input, select')].filter((c) => c.dataset.testid !== 'open-lightbox' && seen(c));
      const walker = document.createTreeWalker(tile, NodeFilter.SHOW_TEXT);
      let words = 0;
      while (walker.nextNode()) if (seen(walker.currentNode.parentElement)) words += walker.currentNode.textContent.split(/\s+/).filter(Boolean).length;
      return { controls: controls.map((c) => c.dataset.testid), words };
    }));
    for (const t of rest) {
      assert.deepEqual(t.controls, [], 'no control shows at rest');
      assert.ok(t.words <= 12, `${t.words} words at rest`);
    }
    // On hover: the bar, at most six controls in all (the image, the star, four buttons).
    const tile = page.getByTestId('result-card').first();
    await tile.hover();
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.tile .bar')).opacity === '1');
    const shown = await tile.evaluate((t) => [...t.querySelectorAll('button, a, input, select')]
      .filter((c) => c.checkVisibility({ opacityProperty: true, visibilityProperty: true })).map((c) => c.dataset.testid));
    assert.ok(shown.length <= 6, `controls on hover: ${shown}`);
    assert.deepEqual(shown.filter((s) => s !== 'open-lightbox'), ['favourite', 'download', 'use-as-reference', 'continue-editing', 'result-menu']);
    for (const id of ['favourite', 'download', 'use-as-reference', 'continue-editing', 'result-menu']) {
      const b = tile.getByTestId(id);
      assert.ok(await b.getAttribute('title'), `${id} has a tooltip`);
      assert.ok(await b.getAttribute('aria-label'), `${id} has a name`);
      assert.equal(await b.locator('svg.icon').count(), 1, `${id} is an icon`);
    }
    // The composer: slim on a phone at rest, taller while the prompt has focus; and scrolled to the
    // end, the last row is wholly above it (the stage reserves the composer's height).
    await page.mouse.move(0, 0);
    const composer = page.getByTestId('composer');
    const atRest = (await composer.boundingBox()).height;
    if (w < 560) {
      assert.ok(atRest <= 200, `the phone composer is ${atRest} px tall at rest`);
      await page.getByTestId('prompt').fill('a long prompt\nover\nseveral\nlines\nof text');
      await page.getByTestId('prompt').focus();
      await page.waitForFunction((r) => document.querySelector('[data-testid=composer]').getBoundingClientRect().height > r + 20, atRest);
      await page.getByTestId('prompt').blur();
      await page.waitForFunction(() => document.querySelector('[data-testid=composer]').getBoundingClientRect().height <= 200);
    }
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => document.querySelector('.stage')?.scrollTo?.(0, 1e9));
    await page.waitForTimeout(100);
    const under = await page.evaluate(() => {
      const top = document.querySelector('[data-testid=composer]').getBoundingClientRect().top;
      const tiles = [...document.querySelectorAll('[data-testid=result-card]')].map((t) => t.getBoundingClientRect().bottom);
      return { top, bottom: Math.max(...tiles) };
    });
    assert.ok(under.bottom <= under.top + 0.5, `the last row ends at ${under.bottom}, the composer starts at ${under.top}`);
    await chipMenus(page);
    await page.context().close();
  });
}

/** The composer's chips open small menus of the studio's own, above the chip, whole and on top, by
 * pointer and by keyboard. */
async function chipMenus(page) {
  const viewport = page.viewportSize();
  for (const id of ['model-chip', 'aspect-ratio', 'image-size', 'count']) {
    const chip = page.getByTestId(id);
    assert.equal(await chip.evaluate((c) => c.tagName), 'BUTTON', `${id} is a chip, not a native select`);
    assert.equal(await chip.getAttribute('aria-haspopup'), 'listbox');
    assert.ok(await chip.getAttribute('title'), `${id} has a tooltip`);
    assert.equal(await chip.locator('svg.icon').count(), 2, `${id}: its icon and the opening chevron`);
    // By pointer: the menu opens above the chip, wholly inside the viewport and not covered.
    await chip.click();
    const menu = page.getByTestId(`${id}-menu`);
    await menu.waitFor({ state: 'visible' });
    assert.equal(await chip.getAttribute('aria-expanded'), 'true');
    const [c, m] = [await chip.boundingBox(), await menu.boundingBox()];
    assert.ok(m.y + m.height <= c.y + 1, `${id}: the menu (bottom ${m.y + m.height}) is above the chip (top ${c.y})`);
    assert.ok(m.x >= 0 && m.x + m.width <= viewport.width && m.y >= 0, `${id}: the menu is inside the viewport ${JSON.stringify(m)}`);
    const onTop = await menu.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 16));
      return el.contains(hit);
    });
    assert.ok(onTop, `${id}: the menu is drawn on top, not clipped by the chips' row`);
    assert.equal(await menu.locator('[aria-selected=true]').count(), 1, `${id}: the chosen option is marked`);
    assert.ok(await menu.locator('[aria-selected=true]').evaluate((o) => o === document.activeElement), `${id}: the focus is on the chosen option`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    assert.ok(await chip.evaluate((b) => b === document.activeElement), `${id}: Escape gives the focus back to the chip`);
  }
  // By keyboard: ArrowDown opens at the chosen ratio, ArrowDown moves, Enter picks and closes.
  const ratio = page.getByTestId('aspect-ratio');
  const before = await ratio.getAttribute('data-value');
  await ratio.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByTestId('aspect-ratio-menu');
  await menu.waitFor({ state: 'visible' });
  const values = await menu.locator('[role=option]').evaluateAll((os) => os.map((o) => o.dataset.value));
  const next = values[(values.indexOf(before) + 1) % values.length];
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), next);
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await ratio.getAttribute('data-value'), next, 'Enter picks the focused option');
  assert.ok(await ratio.evaluate((b) => b === document.activeElement), 'the focus is back on the chip');
  // End goes to the last option; a click outside closes without a change.
  await page.keyboard.press('ArrowUp');
  await menu.waitFor({ state: 'visible' });
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), values[values.length - 1]);
  await page.mouse.click(5, 5);
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await ratio.getAttribute('data-value'), next, 'closing picks nothing');
  await pick(page, 'aspect-ratio', before);
}

test('every tile action from the keyboard: the bar, then the menu with the arrow keys', async () => {
  const page = await gallery(1440, 900);
  const frame = page.getByTestId('open-lightbox').first();
  await frame.focus();
  const active = () => page.evaluate(() => document.activeElement?.dataset.testid);
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.tile .bar')).opacity === '1');
  for (const id of ['favourite', 'download', 'use-as-reference', 'continue-editing', 'result-menu']) {
    await page.keyboard.press('Tab');
    assert.equal(await active(), id);
  }
  await page.keyboard.press('Enter');
  const menu = page.getByTestId('result-card').first().getByRole('menu');
  await menu.waitFor();
  assert.equal(await page.getByTestId('result-menu').first().getAttribute('aria-expanded'), 'true');
  const items = [];
  for (let i = 0; i < 8; i++) {
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
    items.push(await active());
    await page.keyboard.press('ArrowDown');
  }
  assert.deepEqual(items, ['copy-image', 'annotate', 'expand', 'reuse-settings', 'open', 'add-to-collection', 'select-result', 'remove-result']);
  assert.equal(await active(), 'copy-image', 'the arrows wrap around');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  assert.equal(await active(), 'result-menu', 'Escape gives the focus back');
  // Enter on a menu item runs it: "select" enters selection mode with the tile selected.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'copy-image');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(), 'select-result');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('selected-count').innerText(), '1 selected');
  await page.getByTestId('clear-selection').click();
  await page.getByTestId('selection-bar').waitFor({ state: 'detached' });
  await page.context().close();
});

test('the lightbox: an opaque backdrop, the position, each detail labelled once, ←/→', async () => {
  const page = await gallery(1440, 900);
  await page.getByTestId('open-lightbox').nth(1).click();
  const box = page.getByTestId('lightbox');
  await box.waitFor();
  assert.equal(await box.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(12, 11, 8)');
  assert.equal(await page.getByTestId('lightbox-position').innerText(), `2 / ${SHAPES.length}`);
  const labels = await box.locator('dt').allInnerTexts();
  assert.deepEqual(labels, ['Model', 'Provider', 'Asked', 'Returned', 'Format', 'Time', 'Tokens', 'Cost']);
  assert.equal(new Set(labels).size, labels.length, 'each label once');
  assert.match(await page.getByTestId('result-asked').innerText(), /21:9/, 'the second newest was asked at 21:9');
  assert.match(await page.getByTestId('result-provider').innerText(), /127\.0\.0\.1/);
  assert.doesNotMatch(await box.innerText(), /Cost\s*Cost/);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('lightbox-position').innerText(), `3 / ${SHAPES.length}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByTestId('lightbox-position').innerText(), `1 / ${SHAPES.length}`);
  assert.equal(await page.getByTestId('lightbox-prev').isDisabled(), true);
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  await page.context().close();
});

test('selection is a mode: click, Space and Shift-click ranges; the bar counts and cancels', async () => {
  const page = await gallery(1440, 900);
  assert.equal(await page.getByTestId('selection-bar').count(), 0);
  await page.getByTestId('select-mode').click();
  const frames = page.getByTestId('open-lightbox');
  await frames.nth(1).click();
  await frames.nth(4).click({ modifiers: ['Shift'] });
  assert.equal(await page.getByTestId('selected-count').innerText(), '4 selected');
  const pressed = await frames.evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-pressed')));
  assert.deepEqual(pressed, ['false', 'true', 'true', 'true', 'true', 'false']);
  await frames.nth(0).focus();
  await page.keyboard.press('Space');
  assert.equal(await page.getByTestId('selected-count').innerText(), '5 selected');
  assert.equal(await page.getByTestId('lightbox').count(), 0, 'nothing opened in selection mode');
  for (const id of ['compare', 'export-selected', 'delete-selected', 'clear-selection']) assert.ok(await page.getByTestId(id).isEnabled(), id);
  await page.getByTestId('clear-selection').click();
  assert.equal(await page.getByTestId('selection-bar').count(), 0);
  await frames.nth(0).click();
  await page.getByTestId('lightbox').waitFor();
  await page.context().close();
});
