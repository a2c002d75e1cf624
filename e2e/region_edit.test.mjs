// Region edits end to end (issue 28), against the test provider in Chromium: the region painted in the
// Mark up editor (box, brush, erase, undo/redo, invert, clear, feather, touch), Edit region (the original
// sent byte for byte, a copy with the region outlined beside it, the instruction shown and editable), each
// answer composited back in the image worker (decoded pixels: outside the region and its feather the
// original's, its core the answer's, the band between), the raw answer and before / after on the result
// and in the lightbox, an answer of another shape refused with a message, a failed request losing nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, open, configure, pick, lastGeneration, tileAction, storeContents, waitForStoreCount, historyMenu, openMore } from './harness.mjs';
import { png } from './png.mjs';

let env;
let dir;
before(async () => {
  env = await setup();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banana-region-'));
});
after(async () => {
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const W = 1024;
const H = 768;
/** The region painted below, in image pixels: [x0, y0, x1, y1). */
const RECT = [256, 192, 768, 576];
const FEATHER = 10;

/** Non-transparent pixels of the region overlay. */
const overlay = (page) => page.getByTestId('region-overlay').evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
  return n / (c.width * c.height);
});

/** Drags across the overlay from (x0, y0) to (x1, y1), fractions of its box. */
async function drag(page, [x0, y0], [x1, y1], steps = 10) {
  const b = await page.getByTestId('region-overlay').boundingBox();
  await page.mouse.move(b.x + b.width * x0, b.y + b.height * y0);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * x1, b.y + b.height * y1, { steps });
  await page.mouse.up();
}

/** A decoded image carried out of the page: its RGBA as a Buffer. */
const unpack = async (p) => { const r = await p; return { ...r, data: Buffer.from(r.data, 'base64') }; };

/** One pixel's RGBA of a decoded image. */
const px = (img, x, y) => Array.from(img.data.subarray((y * img.w + x) * 4, (y * img.w + x) * 4 + 4));

/** Decoded RGBA of base64 PNG bytes, as stored. */
const decode = (page, b64) => unpack(page.evaluate(async (s) => {
  const blob = new Blob([Uint8Array.from(atob(s), (c) => c.charCodeAt(0))]);
  const b = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const c = new OffscreenCanvas(b.width, b.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(b, 0, 0);
  const d = ctx.getImageData(0, 0, b.width, b.height).data;
  // As base64: a JSON array of millions of numbers is slow to carry out of the page.
  let bin = '';
  for (let k = 0; k < d.length; k += 0x8000) bin += String.fromCharCode.apply(null, d.subarray(k, k + 0x8000));
  return { w: b.width, h: b.height, data: btoa(bin) };
}, b64));

/** Decoded RGBA of the image an <img> shows (the page's CSP keeps `blob:` out of fetch). */
const pixelsOf = (img) => unpack(img.evaluate(async (i) => {
  await i.decode();
  const b = await createImageBitmap(i, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const c = new OffscreenCanvas(b.width, b.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(b, 0, 0);
  const d = ctx.getImageData(0, 0, b.width, b.height).data;
  // As base64: a JSON array of millions of numbers is slow to carry out of the page.
  let bin = '';
  for (let k = 0; k < d.length; k += 0x8000) bin += String.fromCharCode.apply(null, d.subarray(k, k + 0x8000));
  return { w: b.width, h: b.height, data: btoa(bin) };
}));

test('paint a region, Edit region, the answer composited back exactly; raw answer, before / after; another shape refused', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'aspect-ratio', '4:3');
  await pick(page, 'image-size', '1K');
  // A grainy original, so "the same pixels" means something.
  const file = path.join(dir, 'original.png');
  const bytes = png(W, H, [30, 160, 90], [200, 60, 40], { grain: 60 });
  fs.writeFileSync(file, bytes);
  await page.getByTestId('ref-input').setInputFiles(file);
  await page.getByTestId('ref-thumb').waitFor();
  await page.getByTestId('ref-thumb').hover();
  await page.getByTestId('ref-thumb').getByTestId('annotate').click();
  await page.getByTestId('annotate-editor').waitFor();
  await page.getByTestId('region-tool').click();
  assert.equal(await page.getByTestId('region-tool').getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('[data-testid=region-overlay]').width > 100);
  assert.equal(await page.getByTestId('edit-region').isDisabled(), true, 'nothing to edit yet');
  // The feather defaults to a few pixels of this image.
  const feather = Number(await page.getByTestId('region-feather').inputValue());
  assert.ok(feather >= 2 && feather <= 20, `default feather ${feather}`);

  // A brush stroke paints, erase takes part of it away, undo and redo walk the steps, clear empties.
  await drag(page, [0.1, 0.1], [0.3, 0.1]);
  const brushed = await overlay(page);
  assert.ok(brushed > 0.005, `brush ${brushed}`);
  await page.getByTestId('region-erase').click();
  await drag(page, [0.2, 0.05], [0.2, 0.15], 4);
  const erased = await overlay(page);
  assert.ok(erased < brushed, `erase ${erased} < ${brushed}`);
  await page.getByTestId('region-undo').click();
  assert.equal(await overlay(page), brushed);
  await page.getByTestId('region-redo').click();
  assert.equal(await overlay(page), erased);
  await page.getByTestId('region-invert').click();
  assert.ok(Math.abs(await overlay(page) - (1 - erased)) < 0.002, 'invert');
  await page.getByTestId('region-clear').click();
  assert.equal(await overlay(page), 0);
  assert.equal(await page.getByTestId('edit-region').isDisabled(), true);
  // Touch paints as well.
  await page.getByTestId('region-paint').click();
  await page.getByTestId('region-overlay').evaluate((c) => {
    const r = c.getBoundingClientRect();
    const at = (type, f) => c.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', pointerId: 9, isPrimary: true, button: 0, buttons: 1, bubbles: true, cancelable: true, clientX: r.left + r.width * f, clientY: r.top + r.height * 0.9 }));
    at('pointerdown', 0.1);
    for (let f = 0.1; f < 0.5; f += 0.05) at('pointermove', f);
    at('pointerup', 0.5);
  });
  assert.ok(await overlay(page) > 0.005, 'the touch stroke paints');
  await page.getByTestId('region-clear').click();

  // The region: a box over the middle quarter.
  await page.getByTestId('region-box').click();
  await drag(page, [RECT[0] / W, RECT[1] / H], [RECT[2] / W, RECT[3] / H]);
  const share = await overlay(page);
  assert.ok(Math.abs(share - 0.25) < 0.01, `the box covers a quarter: ${share}`);
  await page.getByTestId('region-feather').fill(String(FEATHER));
  await page.getByTestId('region-feather').press('Tab');
  await page.getByTestId('region-colour-match').uncheck();
  // The instruction follows the outline switch until the user writes their own.
  const instruction = page.getByTestId('region-instruction');
  assert.match(await instruction.inputValue(), /outlined in magenta/);
  await page.getByTestId('region-outline').uncheck();
  assert.match(await instruction.inputValue(), /^Change only the part of the image the prompt describes/);
  await page.getByTestId('region-outline').check();
  assert.match(await instruction.inputValue(), /outlined in magenta/);
  await instruction.fill(`${await instruction.inputValue()} Keep the film grain.`);
  await page.getByTestId('edit-region').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  assert.match(await page.getByTestId('region-pending').innerText(), /original\.png/);
  assert.match(await page.getByTestId('status').innerText(), /Region edit of “original\.png” ready/);
  const prompt = await page.getByTestId('prompt').inputValue();
  assert.match(prompt, /outlined in magenta.*Keep the film grain\.$/s);
  await page.getByTestId('prompt').fill(`Make the middle a calm blue sea.\n\n${prompt}`);
  await page.getByTestId('generate').click();
  await page.getByTestId('region-badge').waitFor({ timeout: 60000 });

  // Sent: the original byte for byte first, the outlined copy second.
  const parts = lastGeneration(env.provider).json.contents[0].parts.filter((p) => p.inlineData);
  assert.equal(parts.length, 2);
  assert.equal(parts[0].inlineData.data, bytes.toString('base64'), 'the original, byte for byte');
  const outlined = await decode(page, parts[1].inlineData.data);
  const original = await decode(page, bytes.toString('base64'));
  assert.deepEqual([outlined.w, outlined.h], [W, H]);
  assert.deepEqual(px(outlined, RECT[0] - 2, 384), [255, 0, 255, 255], 'the line just outside the region');
  assert.deepEqual(px(outlined, 512, 384), px(original, 512, 384), 'inside untouched');
  assert.deepEqual(px(outlined, 20, 20), px(original, 20, 20), 'far outside untouched');

  // The result: the composite at the original's size.
  const card = page.getByTestId('result-card').first();
  const composite = await pixelsOf(card.getByTestId('result-image'));
  assert.deepEqual([composite.w, composite.h], [W, H]);
  await (await tileAction(page, 'raw-answer', card)).click();
  const box = page.getByTestId('lightbox');
  await box.waitFor();
  assert.equal(await box.getByTestId('raw-answer').getAttribute('aria-pressed'), 'true');
  const raw = await pixelsOf(box.getByTestId('lightbox-image'));
  assert.deepEqual([raw.w, raw.h], [W, H]);
  const m = FEATHER + 2;
  let outside = 0; let core = 0; let band = 0; let checked = [0, 0, 0];
  for (let y = 0; y < H; y += 3) {
    for (let x = 0; x < W; x += 3) {
      const far = x < RECT[0] - m || x >= RECT[2] + m || y < RECT[1] - m || y >= RECT[3] + m;
      const deep = x >= RECT[0] + m && x < RECT[2] - m && y >= RECT[1] + m && y < RECT[3] - m;
      const [c, o, a] = [px(composite, x, y), px(original, x, y), px(raw, x, y)];
      if (far) { checked[0]++; if (c.some((v, k) => v !== o[k])) outside++; }
      else if (deep) { checked[1]++; if (c.some((v, k) => v !== a[k])) core++; }
      else { checked[2]++; if (c.some((v, k) => v < Math.min(o[k], a[k]) - 1 || v > Math.max(o[k], a[k]) + 1)) band++; }
    }
  }
  assert.deepEqual([outside, core, band], [0, 0, 0], `mismatches outside / core / band of ${checked}`);
  assert.notDeepEqual(px(raw, 20, 20), px(original, 20, 20), 'the model redrew outside too: the composite put it back');

  // Before / after in the lightbox: the original over the result, cut where the slider is.
  await box.getByTestId('before-after').click();
  await box.getByTestId('before-after-view').waitFor();
  assert.equal(await box.getByTestId('raw-answer').getAttribute('aria-pressed'), 'false');
  const slider = box.getByTestId('before-after-slider');
  await slider.evaluate((s) => { s.value = '20'; s.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.match(await box.getByTestId('before-image').evaluate((i) => i.style.clipPath), /inset\(0(px)? 80%/);
  const view = await box.getByTestId('before-after-view').boundingBox();
  assert.ok(Math.abs(view.width / view.height - W / H) < 0.02, `the box has the image's shape: ${view.width}×${view.height}`);
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  // And from the tile's menu.
  await (await tileAction(page, 'before-after', card)).click();
  await page.getByTestId('before-after-view').waitFor();
  await page.keyboard.press('Escape');

  // An answer of another shape is not forced over the original: the raw answer shows, and why.
  await pick(page, 'aspect-ratio', '16:9');
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2, null, { timeout: 60000 });
  assert.match(await page.getByTestId('error').innerText(), /came back 1024×576, another shape than the original \(1024×768\)/);
  const misfit = await pixelsOf(page.getByTestId('result-image').first());
  assert.deepEqual([misfit.w, misfit.h], [1024, 576]);

  // A failed request loses nothing: the references, the prompt and the region edit are all still there.
  await pick(page, 'aspect-ratio', '4:3');
  env.provider.queue('http-403');
  const before = await page.getByTestId('prompt').inputValue();
  await page.getByTestId('generate').click();
  await page.getByTestId('error').filter({ hasText: /403|permission/i }).waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('prompt').inputValue(), before);
  assert.equal(await page.getByTestId('ref-thumb').count(), 2);
  await page.getByTestId('region-pending').waitFor();
  // Stopping the region edit keeps the references.
  await page.getByTestId('region-pending-clear').click();
  await page.getByTestId('region-pending').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('ref-thumb').count(), 2);

  // The history keeps each region edit's raw answer, original and mask with the composite.
  await waitForStoreCount(page, 'entries', 2);
  const entries = (await storeContents(page, 'entries')).map((e) => JSON.parse(e)).filter((e) => e.region);
  assert.equal(entries.length, 2);
  const kept = entries.find((e) => !e.region.misfit);
  assert.ok(kept.region.mask && kept.region.raw && kept.region.original.name === 'original.png', JSON.stringify(kept.region));
  assert.deepEqual(entries.find((e) => e.region.misfit).region.misfit, [1024, 576]);
  const stored = (await storeContents(page, 'parts')).map((p) => Buffer.from(p.bytes));
  assert.ok(stored.some((p) => p.equals(bytes)), 'the original, byte for byte');
  // The mask: white in the region, black outside.
  const masks = [];
  for (const p of stored) {
    const img = await decode(page, p.toString('base64'));
    if (img.w === W && img.h === H && px(img, 512, 384).join() === '255,255,255,255') masks.push(img);
  }
  assert.equal(masks.length, 1, 'one mask part');
  assert.deepEqual(px(masks[0], 100, 100), [0, 0, 0, 255]);
  assert.deepEqual(px(masks[0], RECT[0], RECT[1]), [255, 255, 255, 255]);
  assert.deepEqual(px(masks[0], RECT[0] - 1, RECT[1]), [0, 0, 0, 255]);

  // After a reload and after a ZIP round trip, the saved composite still has its before / after and raw answer.
  const sample = (img) => [[20, 20], [512, 384], [RECT[0] - 1, 300], [900, 700]].map(([x, y]) => px(img, x, y).join());
  const compareSaved = async (p) => {
    await p.waitForFunction(() => document.querySelectorAll('[data-testid=region-badge]').length === 2);
    await (await tileAction(p, 'before-after', p.getByTestId('result-card').nth(1))).click();
    await p.getByTestId('before-image').waitFor();
    assert.deepEqual(sample(await pixelsOf(p.getByTestId('before-image'))), sample(original), 'before is the original');
    assert.deepEqual(sample(await pixelsOf(p.getByTestId('lightbox-image'))), sample(composite), 'after is the composite');
    await p.getByTestId('lightbox').getByTestId('raw-answer').click();
    assert.deepEqual(sample(await pixelsOf(p.getByTestId('lightbox-image'))), sample(raw), 'the raw answer');
    await p.keyboard.press('Escape');
    await p.getByTestId('lightbox').waitFor({ state: 'detached' });
  };
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await compareSaved(page);
  const [download] = await Promise.all([page.waitForEvent('download'), (await historyMenu(page), page.getByTestId('export')).click()]);
  const zip = { name: download.suggestedFilename(), mimeType: 'application/zip', buffer: fs.readFileSync(await download.path()) };
  await page.context().close();
  const fresh = await open(env);
  await fresh.getByTestId('import').setInputFiles(zip);
  await compareSaved(fresh);
  await fresh.context().close();
});

test('expand a result to 16:9: the canvas sent holds the original at 1:1, the answer fills the margins, the original comes back byte for byte', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'aspect-ratio', '4:3');
  await pick(page, 'image-size', '1K');
  await page.getByTestId('prompt').fill('a quiet harbour');
  await page.getByTestId('generate').click();
  await page.getByTestId('result-image').first().waitFor();
  const original = await pixelsOf(page.getByTestId('result-image').first());
  assert.deepEqual([original.w, original.h], [W, H]);

  await (await tileAction(page, 'expand')).click();
  await page.getByTestId('expand-dialog').waitFor();
  // Margins are offered; a shape that adds nothing is said so.
  await page.getByTestId('expand-ratio').selectOption('margins');
  for (const side of ['left', 'right', 'bottom']) await page.getByTestId(`expand-${side}`).fill('0');
  await page.getByTestId('expand-top').fill('0');
  await page.getByTestId('expand-top').press('Tab');
  assert.match(await page.getByTestId('expand-size').innerText(), /adds nothing/);
  assert.equal(await page.getByTestId('expand-send').isDisabled(), true);
  await page.getByTestId('expand-ratio').selectOption('16:9');
  assert.match(await page.getByTestId('expand-size').innerText(), /1365 × 768 px \(16:9\), with the original's 1024 × 768 at 1:1 inside/);
  await page.getByTestId('prompt').fill('');
  await page.getByTestId('expand-send').click();
  await page.getByTestId('expand-dialog').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-card]').length === 2, null, { timeout: 60000 });
  assert.equal(await page.getByTestId('aspect-ratio').getAttribute('data-value'), '16:9', 'the canvas\'s shape is asked for');

  // Sent: the canvas, the original at its place at 1:1 and grey around it, and the instruction.
  const body = lastGeneration(env.provider).json;
  assert.equal(body.generationConfig.imageConfig.aspectRatio, '16:9');
  const parts = body.contents[0].parts;
  assert.match(parts.find((p) => p.text).text, /flat grey area around it is empty/);
  const canvas = await decode(page, parts.find((p) => p.inlineData).inlineData.data);
  assert.deepEqual([canvas.w, canvas.h], [1365, 768]);
  const x0 = [170, 171].find((x) => px(canvas, x, 100).join() === px(original, 0, 100).join() && px(canvas, x + 500, 700).join() === px(original, 500, 700).join());
  assert.ok(x0 !== undefined, 'the original sits centred at 1:1');
  assert.deepEqual(px(canvas, 20, 384), [128, 128, 128, 255]);
  assert.deepEqual(px(canvas, 1350, 10), [128, 128, 128, 255]);

  // The result: wider, never a rescaled original: the original's pixels exactly in place (away from the
  // seam's few-pixel feather), the margins the answer's.
  const expanded = await pixelsOf(page.getByTestId('result-image').first());
  assert.deepEqual([expanded.w, expanded.h], [1365, 768]);
  let wrong = 0;
  for (let y = 10; y < H - 10; y += 4) {
    for (let x = 10; x < W - 10; x += 4) if (px(expanded, x0 + x, y).join() !== px(original, x, y).join()) wrong++;
  }
  assert.equal(wrong, 0, 'the original inside the expansion');
  assert.notDeepEqual(px(expanded, 20, 384), [128, 128, 128, 255], 'the margin is filled');
  // Kept as an expansion in the history.
  await waitForStoreCount(page, 'entries', 2);
  const kept = (await storeContents(page, 'entries')).map((e) => JSON.parse(e)).filter((e) => e.region);
  assert.deepEqual(kept.map((e) => e.region.expand), [true]);
  await (await tileAction(page, 'raw-answer')).click();
  const raw = await pixelsOf(page.getByTestId('lightbox').getByTestId('lightbox-image'));
  assert.deepEqual([raw.w, raw.h], [1024, 576]);
  const near = (a, b) => a.every((v, k) => Math.abs(v - b[k]) <= 12);
  assert.ok(near(px(expanded, 20, 384), px(raw, Math.round(20 * 1024 / 1365), Math.round(384 * 576 / 768))), 'the margin is the answer, scaled to the canvas');
  await page.keyboard.press('Escape');
  await page.getByTestId('lightbox').waitFor({ state: 'detached' });
  // Continuing to edit the plain result the expansion started from ends the expansion, and the shape
  // asked before it comes back.
  await page.getByTestId('region-pending').waitFor();
  await (await tileAction(page, 'continue-editing', page.getByTestId('result-card').nth(1))).click();
  await page.getByTestId('region-pending').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('aspect-ratio').getAttribute('data-value'), '4:3');
  await page.context().close();
});

test('detail mode: a small region of a large image sends only a crop round it, at the chosen size, put back exactly; a second edit replaces the first one\'s copies; stopping brings back the reference and the shape', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'aspect-ratio', '1:1');
  await pick(page, 'image-size', '2K');
  const [BW, BH] = [2048, 1536];
  const file = path.join(dir, 'large.png');
  const bytes = png(BW, BH, [40, 90, 160], [220, 200, 80], { grain: 60 });
  fs.writeFileSync(file, bytes);
  await page.getByTestId('ref-input').setInputFiles(file);
  await page.getByTestId('ref-thumb').waitFor();
  const markUp = async () => {
    // The reference that holds the whole image.
    const thumb = page.getByTestId('ref-thumb').filter({ has: page.locator('img[alt="large.png"]') });
    await thumb.hover();
    await thumb.getByTestId('annotate').click();
    await page.getByTestId('annotate-editor').waitFor();
    await page.getByTestId('region-tool').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=region-overlay]').width > 100);
  };

  // First, a plain region edit (it asks for the original's 4:3).
  await markUp();
  await page.getByTestId('region-box').click();
  await drag(page, [0.1, 0.1], [0.3, 0.3]);
  await page.getByTestId('edit-region').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  assert.equal(await page.getByTestId('aspect-ratio').getAttribute('data-value'), '4:3');

  // Then, without stopping it, a detail edit of a small region of the same image.
  await markUp();
  assert.equal(await page.getByTestId('detail-mode').isDisabled(), true, 'no region yet');
  assert.match(await page.getByTestId('detail-size').innerText(), /Paint a region/);
  await page.getByTestId('region-box').click();
  // Everything: too large for a crop.
  await page.getByTestId('region-invert').click();
  assert.match(await page.getByTestId('detail-size').innerText(), /too large for detail mode/);
  assert.equal(await page.getByTestId('detail-mode').isDisabled(), true);
  await page.getByTestId('region-clear').click();
  const RECT = [1200, 300, 1400, 460];
  await drag(page, [RECT[0] / BW, RECT[1] / BH], [RECT[2] / BW, RECT[3] / BH]);
  await page.getByTestId('region-feather').fill('8');
  await page.getByTestId('region-feather').press('Tab');
  assert.equal(await page.getByTestId('detail-mode').isDisabled(), false);
  const said = await page.getByTestId('detail-size').innerText();
  const m = said.match(/Sends (\d+)×(\d+) px \((\d+:\d+)\) of the 2048×1536 px image/);
  assert.ok(m, said);
  const [cw, ch, ratio] = [Number(m[1]), Number(m[2]), m[3]];
  const [rw, rh] = ratio.split(':').map(Number);
  assert.equal(cw * rh, ch * rw, 'the crop has the ratio exactly');
  assert.ok(cw >= 200 + 16 && ch >= 160 + 16 && cw * ch * 10 < BW * BH, `a padded crop, a fraction of the image: ${cw}×${ch}`);
  await page.getByTestId('detail-mode').check();
  // The crop is framed on the overlay (opaque dashes; the region's tint is translucent).
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=region-overlay]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] === 255) return true;
    return false;
  });
  // Without colour matching the region's core is the answer exactly.
  await page.getByTestId('region-colour-match').uncheck();
  await page.getByTestId('edit-region').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('status').innerText(), new RegExp(`Detail edit of “large\\.png” ready: a ${cw}×${ch} crop`));
  // The crop took the whole image's place, and the first edit's outlined copy is gone: crop, its outlined copy.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ref-thumb] img')].map((i) => i.alt).join() === 'large-detail.png,large-region.png');
  assert.equal(await page.getByTestId('aspect-ratio').getAttribute('data-value'), ratio);
  await page.getByTestId('prompt').fill('Put a small red boat there.');
  await page.getByTestId('generate').click();
  await page.getByTestId('region-badge').waitFor({ timeout: 60000 });

  // Sent: the crop (the original's own pixels) and its outlined copy, at the crop's ratio and the chosen size.
  const body = lastGeneration(env.provider).json;
  assert.deepEqual([body.generationConfig.imageConfig.aspectRatio, body.generationConfig.imageConfig.imageSize], [ratio, '2K']);
  const parts = body.contents.at(-1).parts.filter((p) => p.inlineData);
  assert.equal(parts.length, 2);
  const crop = await decode(page, parts[0].inlineData.data);
  assert.deepEqual([crop.w, crop.h], [cw, ch], 'the crop\'s dimensions');
  const original = await decode(page, bytes.toString('base64'));
  // Where the crop sits: found by its pixels, then checked whole.
  let at = null;
  for (let y = 0; y + ch <= BH && !at; y++) {
    for (let x = 0; x + cw <= BW; x++) {
      if (px(original, x, y).join() !== px(crop, 0, 0).join()) continue;
      // Twenty pixels along the first row and twenty down the diagonal: a chance match of a few is not enough.
      let same = true;
      for (let k = 1; k <= 20 && same; k++) same = px(original, x + k, y).join() === px(crop, k, 0).join() && px(original, x + k, y + k).join() === px(crop, k, k).join();
      if (same) { at = [x, y]; break; }
    }
  }
  assert.ok(at, 'the crop is a piece of the original');
  const [cx, cy] = at;
  assert.ok(cx + 16 <= RECT[0] && cy + 16 <= RECT[1] && cx + cw >= RECT[2] + 16 && cy + ch >= RECT[3] + 16, `the crop ${cw}×${ch} at ${at} holds the region with room`);
  let differ = 0;
  for (let y = 0; y < ch; y += 2) for (let x = 0; x < cw; x += 2) if (px(crop, x, y).join() !== px(original, cx + x, cy + y).join()) differ++;
  assert.equal(differ, 0, 'the crop is the original\'s pixels');
  const outlined = await decode(page, parts[1].inlineData.data);
  assert.deepEqual([outlined.w, outlined.h], [cw, ch]);
  const row = Math.round((RECT[1] + RECT[3]) / 2) - cy;
  const line = [];
  for (let x = 0; x < cw; x++) if (px(outlined, x, row).join() === '255,0,255,255') line.push(x);
  assert.ok(line.some((x) => Math.abs(x - (RECT[0] - cx)) <= 8) && line.some((x) => Math.abs(x - (RECT[2] - cx)) <= 8), `the line round the region, on the crop: ${line}`);

  // The result: the whole image, the answer (scaled to the crop) inside the region, the original elsewhere.
  const card = page.getByTestId('result-card').first();
  const result = await pixelsOf(card.getByTestId('result-image'));
  assert.deepEqual([result.w, result.h], [BW, BH]);
  await (await tileAction(page, 'raw-answer', card)).click();
  const rawImg = page.getByTestId('lightbox').getByTestId('lightbox-image');
  const raw = await pixelsOf(rawImg);
  assert.ok(raw.w >= 2000 || raw.h >= 2000, `the model answered the crop at 2K: ${raw.w}×${raw.h}`);
  // The answer as the worker scales it to the crop.
  const fitted = await unpack(rawImg.evaluate(async (i, [w, h]) => {
    const b = await createImageBitmap(i, { colorSpaceConversion: 'none', premultiplyAlpha: 'none', resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    ctx.drawImage(b, 0, 0);
    const d = ctx.getImageData(0, 0, w, h).data;
    let bin = '';
    for (let k = 0; k < d.length; k += 0x8000) bin += String.fromCharCode.apply(null, d.subarray(k, k + 0x8000));
    return { w, h, data: btoa(bin) };
  }, [cw, ch]));
  await page.keyboard.press('Escape');
  // The feather, and a few pixels for where the box's corners fell on the screen.
  const mm = 8 + 6;
  let outside = 0; let core = 0; let band = 0;
  for (let y = 0; y < BH; y += 5) {
    for (let x = 0; x < BW; x += 5) {
      const far = x < RECT[0] - mm || x >= RECT[2] + mm || y < RECT[1] - mm || y >= RECT[3] + mm;
      const deep = x >= RECT[0] + mm && x < RECT[2] - mm && y >= RECT[1] + mm && y < RECT[3] - mm;
      const [c, o] = [px(result, x, y), px(original, x, y)];
      if (far) { if (c.join() !== o.join()) outside++; continue; }
      const a = px(fitted, x - cx, y - cy);
      // The worker and this page scale the answer from different sources (a Blob, an <img>): within 1.
      if (deep) { if (c.some((v, k) => Math.abs(v - a[k]) > 1)) core++; }
      else if (c.some((v, k) => v < Math.min(o[k], a[k]) - 1 || v > Math.max(o[k], a[k]) + 1)) band++;
    }
  }
  assert.deepEqual([outside, core, band], [0, 0, 0], 'mismatches outside / core / band');

  // Stopping the edit: the whole image comes back among the references, and the shape asked before the edits.
  await page.getByTestId('region-pending-clear').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 3);
  assert.equal(await page.getByTestId('aspect-ratio').getAttribute('data-value'), '1:1');

  // After a reload, continuing to edit the result takes the detail edit up again: the conversation goes
  // on, and the next answer is put back into the whole image the same way.
  await page.reload();
  await page.getByTestId('result-card').first().waitFor();
  // The draft's three references come back first (Generate waits for none being prepared).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 3);
  // The key was kept for the visit only.
  await configure(page, env, { preset: 'google' });
  await page.getByTestId('close-settings').click();
  await (await tileAction(page, 'continue-editing', page.getByTestId('result-card').first())).click();
  await page.getByTestId('region-pending').waitFor();
  // The conversation is read back from the history too.
  await page.getByTestId('status').filter({ hasText: /Editing this image/ }).waitFor();
  assert.match(await page.getByTestId('region-pending').innerText(), /large\.png/);
  assert.equal(await page.getByTestId('aspect-ratio').getAttribute('data-value'), ratio, 'the crop\'s shape asked again');
  const sentBefore = env.provider.requests.length;
  await page.getByTestId('prompt').fill('Make the boat blue.');
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=region-badge]').length === 2, null, { timeout: 60000 }).catch(async () => {
    // What the page said, so a failure here names its cause.
    const said = [await page.getByTestId('status').innerText().catch(() => ''), ...await page.locator('[data-testid=error]').allInnerTexts()];
    assert.fail(`no second region result: ${await page.getByTestId('result-card').count()} cards, ${env.provider.requests.length - sentBefore} requests; the page said ${JSON.stringify(said)}; console ${JSON.stringify(page.consoleMessages.slice(-5))}`);
  });
  assert.ok(env.provider.requests.length > sentBefore);
  const again = lastGeneration(env.provider).json;
  assert.ok(again.contents.length >= 3, 'the earlier turns go first');
  const next = await pixelsOf(page.getByTestId('result-card').first().getByTestId('result-image'));
  assert.deepEqual([next.w, next.h], [BW, BH]);
  let moved = 0;
  for (let y = 0; y < BH; y += 9) {
    for (let x = 0; x < BW; x += 9) {
      const far = x < RECT[0] - mm || x >= RECT[2] + mm || y < RECT[1] - mm || y >= RECT[3] + mm;
      if (far && px(next, x, y).join() !== px(original, x, y).join()) moved++;
    }
  }
  assert.equal(moved, 0, 'outside the region, the original\'s pixels');
  assert.notDeepEqual(px(next, (RECT[0] + RECT[2]) >> 1, (RECT[1] + RECT[3]) >> 1), px(result, (RECT[0] + RECT[2]) >> 1, (RECT[1] + RECT[3]) >> 1), 'the region is the new answer\'s');
  await page.context().close();
});

test('compare models with a region edit: every model\'s answer is put back over the original; a cancel loses nothing', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'image-size', '1K');
  const file = path.join(dir, 'compare.png');
  const bytes = png(W, H, [90, 30, 160], [20, 200, 120], { grain: 40 });
  fs.writeFileSync(file, bytes);
  await page.getByTestId('ref-input').setInputFiles(file);
  await page.getByTestId('ref-thumb').hover();
  await page.getByTestId('ref-thumb').getByTestId('annotate').click();
  await page.getByTestId('region-tool').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=region-overlay]').width > 100);
  await page.getByTestId('region-box').click();
  await drag(page, [RECT[0] / W, RECT[1] / H], [RECT[2] / W, RECT[3] / H]);
  await page.getByTestId('edit-region').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await openMore(page);
  const models = ['gemini-3.1-flash-image', 'gemini-3.1-flash-lite-image'];
  await page.getByTestId('compare-models').selectOption(models);
  await page.getByTestId('prompt').fill(`A red door.\n\n${await page.getByTestId('prompt').inputValue()}`);
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=cancel]') && document.querySelectorAll('[data-testid=region-badge]').length === 2, null, { timeout: 60000 });
  const original = await decode(page, bytes.toString('base64'));
  const cards = page.getByTestId('result-card');
  const labels = [];
  for (let i = 0; i < 2; i++) {
    labels.push(await cards.nth(i).getByTestId('compare-model').innerText());
    const img = await pixelsOf(cards.nth(i).getByTestId('result-image'));
    assert.deepEqual([img.w, img.h], [W, H]);
    let wrong = 0;
    for (let y = 0; y < H; y += 7) {
      for (let x = 0; x < W; x += 7) {
        const far = x < RECT[0] - 20 || x >= RECT[2] + 20 || y < RECT[1] - 20 || y >= RECT[3] + 20;
        if (far && px(img, x, y).join() !== px(original, x, y).join()) wrong++;
      }
    }
    assert.equal(wrong, 0, `${labels[i]}: outside the region, the original's pixels`);
  }
  assert.deepEqual(labels.map((l) => models.find((m) => l.includes(m))).sort(), [...models].sort());

  // Cancelled while the models draw: nothing is shown, and the prompt, the references and the region
  // edit are all still there.
  env.provider.setScenario('ok', { delay: 4000 });
  const prompt = await page.getByTestId('prompt').inputValue();
  const [refs, shown] = [await page.getByTestId('ref-thumb').count(), await cards.count()];
  await page.getByTestId('generate').click();
  await page.getByTestId('cancel').click();
  await page.getByTestId('status').filter({ hasText: /cancel/i }).waitFor();
  await page.waitForTimeout(4500);
  assert.equal(await cards.count(), shown);
  assert.equal(await page.getByTestId('prompt').inputValue(), prompt);
  assert.equal(await page.getByTestId('ref-thumb').count(), refs);
  await page.getByTestId('region-pending').waitFor();
  await page.context().close();
});

test('a detail edit of a reference when the list is full: the crop takes its place; what cannot be added is said', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  const files = [];
  for (let i = 0; i < 13; i++) {
    const f = path.join(dir, `small-${i}.png`);
    fs.writeFileSync(f, png(64, 48, [i * 15, 80, 200 - i * 10], [250, 200 - i * 12, 30]));
    files.push(f);
  }
  const big = path.join(dir, 'full.png');
  fs.writeFileSync(big, png(2048, 1536, [10, 120, 90], [240, 220, 190], { grain: 50 }));
  await page.getByTestId('ref-input').setInputFiles([...files, big]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 14);
  const thumb = page.getByTestId('ref-thumb').filter({ has: page.locator('img[alt="full.png"]') });
  await thumb.hover();
  await thumb.getByTestId('annotate').click();
  await page.getByTestId('region-tool').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=region-overlay]').width > 100);
  await page.getByTestId('region-box').click();
  await drag(page, [0.4, 0.4], [0.5, 0.5]);
  await page.getByTestId('detail-mode').check();
  await page.getByTestId('edit-region').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await page.getByTestId('region-pending').waitFor();
  const names = await page.getByTestId('ref-thumb').locator('img').evaluateAll((imgs) => imgs.map((i) => i.alt));
  assert.equal(names.length, 14);
  assert.equal(names[0], 'full-detail.png', 'the crop, first');
  assert.ok(!names.includes('full.png'), 'in the place of the whole image');
  // No room for the outlined copy: said, and the crop goes alone.
  assert.match(await page.getByTestId('error').innerText(), /more than .* takes \(14\)/);
  // Stopping the edit brings the whole image back (the list has room once the crop is removed).
  await page.getByTestId('ref-thumb').first().hover();
  await page.getByTestId('ref-thumb').first().getByTestId('ref-remove').click();
  await page.getByTestId('region-pending').waitFor({ state: 'detached' });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ref-thumb] img')].some((i) => i.alt === 'full.png'));
  assert.equal(await page.getByTestId('ref-thumb').count(), 14);
  await page.context().close();
});
