// Beyond the peers (issue 17): permutation prompts, metadata that travels with the file, comparing
// models side by side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { setup, open, configure, generate, openMore, storeCount, historyMenu, tileAction, details, closeDetails, pick, chosen } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const generations = () => env.provider.requests.filter((r) => r.path.endsWith(':generateContent'));

test('permutation prompts: every combination is sent, counted and priced first, refused past 64', async () => {
  env.provider.reset();
  env.provider.setScenario('ok');
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('batch').check();
  const estimate = page.getByTestId('cost-estimate');
  await page.getByTestId('prompt').fill('a {red, green} {fox, owl}\na \\{literal\\} {{big, small} cat, dog}');
  await page.waitForFunction(() => /^7 prompts: .*7 image\(s\)/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=cancel]') && document.querySelectorAll('[data-testid=result-image]').length >= 7, null, { timeout: 30000 });
  const sent = generations().map((g) => g.json.contents[0].parts[0].text).sort();
  assert.deepEqual(sent, ['a green fox', 'a green owl', 'a red fox', 'a red owl', 'a {literal} big cat', 'a {literal} dog', 'a {literal} small cat']);

  // Past the limit: the count is said before sending, and Generate sends nothing; the prompt stays.
  const before = generations().length;
  const tooMany = '{a,b,c,d} {e,f,g,h} {i,j,k,l,m}';
  await page.getByTestId('prompt').fill(tooMany);
  await page.waitForFunction(() => /80 prompts, more than the 64/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  await page.getByTestId('generate').click();
  await page.getByTestId('error').waitFor();
  assert.match(await page.getByTestId('error').innerText(), /makes 80 prompts, more than the 64 one click may send/);
  assert.equal(generations().length, before, 'nothing was sent');
  assert.equal(await page.getByTestId('prompt').inputValue(), tooMany);
  // A brace out of place names its line and where it is.
  await page.getByTestId('prompt').fill('fine\na {red, green');
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => /never closed/.test(document.querySelector('[data-testid=error]').textContent));
  assert.match(await page.getByTestId('error').innerText(), /“a \{red, green”: .*character 3/);
  assert.equal(generations().length, before);
  // Outside a batch, braces are the prompt's own.
  await page.getByTestId('batch').uncheck();
  await generate(page, 'a {red, green} fox');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-image]').length > n, 7);
  assert.equal(generations().at(-1).json.contents[0].parts[0].text, 'a {red, green} fox');
  await page.context().close();
});

/** The text of a PNG's `iTXt` chunk with `keyword`, its CRC checked; `null` without one. */
function pngText(bytes, keyword) {
  for (let at = 8; at + 12 <= bytes.length;) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + len);
    assert.equal(bytes.readUInt32BE(at + 8 + len), zlib.crc32(bytes.subarray(at + 4, at + 8 + len)), `${type} CRC`);
    if (type === 'iTXt' && data.toString('latin1', 0, keyword.length + 1) === `${keyword}\0`) {
      return data.subarray(keyword.length + 5).toString('utf8');
    }
    at += 12 + len;
  }
  return null;
}

/** Drops `bytes` as a file named `name` on the page (or pastes it into the prompt). */
const dropFile = (page, bytes, name, type, how = 'drop') => page.evaluate(({ bytes, name, type, how }) => {
  const dt = new DataTransfer();
  dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
  if (how === 'drop') {
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  } else {
    document.querySelector('[data-testid=prompt]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }
}, { bytes: [...bytes], name, type, how });

/** Downloads the newest result through its Download button. */
async function downloadNewest(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), (await tileAction(page, 'download')).click()]);
  return fs.readFileSync(await download.path());
}

test('the prompt travels with the file: written into the PNG download, offered back when it is dropped', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'custom', key: 'secret-test-key' });
  await pick(page, 'aspect-ratio', '16:9');
  await pick(page, 'image-size', '2K');
  const prompt = 'a fox in “snow”, {braces} & <tags>\nsecond line';
  await generate(page, prompt);
  await page.getByTestId('result-image').first().waitFor();
  const file = await downloadNewest(page);
  const made = JSON.parse(pngText(file, 'Banana Studio'));
  assert.equal(made.app, 'Banana Studio');
  assert.equal(made.prompt, prompt);
  assert.equal(made.model, 'gemini-3.1-flash-image');
  assert.equal(made.image_size, '2K');
  assert.equal(made.aspect_ratio, '16:9');
  assert.equal(made.provider, 'Custom provider');
  assert.equal(made.host, new URL(env.provider.url).host);
  assert.ok(!file.includes('secret-test-key'), 'never the key');

  // Another prompt and settings in the composer; the dropped file offers its own back.
  await page.getByTestId('prompt').fill('something else');
  await pick(page, 'aspect-ratio', '1:1');
  await pick(page, 'image-size', '1K');
  await dropFile(page, file, 'downloaded.png', 'image/png');
  const offer = page.getByTestId('made-offer');
  await offer.waitFor();
  assert.equal((await page.getByTestId('made-prompt').textContent()), prompt);
  assert.match(await offer.innerText(), /downloaded\.png/);
  assert.match(await offer.innerText(), /gemini-3\.1-flash-image · 2K · 16:9/);
  assert.equal(await page.getByTestId('ref-thumb').count(), 0, 'not added until the user says');
  await page.getByTestId('use-made').click();
  await offer.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('prompt').inputValue(), prompt);
  assert.equal(await chosen(page, 'aspect-ratio'), '16:9');
  assert.equal(await chosen(page, 'image-size'), '2K');
  assert.equal(await page.getByTestId('api-key').inputValue(), 'secret-test-key', 'the key stays');
  assert.equal(await page.getByTestId('ref-thumb').count(), 0);
  // Pasted this time, and added as a reference instead: the file as it is.
  await dropFile(page, file, 'pasted.png', 'image/png', 'paste');
  await offer.waitFor();
  await page.getByTestId('add-found').click();
  await page.getByTestId('ref-thumb').first().waitFor();
  assert.equal(await offer.count(), 0);
  // A plain image is added straight away, with no offer.
  await dropFile(page, (await import('./png.mjs')).png(10, 10, [1, 2, 3], [4, 5, 6]), 'plain.png', 'image/png');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  assert.equal(await offer.count(), 0);
  env.provider.reset();
  await generate(page, 'with the marked file as a reference');
  await page.getByTestId('result-image').nth(1).waitFor();
  const sent = Buffer.from(generations().at(-1).json.contents[0].parts[1].inlineData.data, 'base64');
  assert.ok(sent.equals(file), 'the reference is the dropped file, byte for byte');
  await page.context().close();
});

test('JPEG and WebP answers carry the prompt in XMP, still decode at their size, and are offered back', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  for (const type of ['image/jpeg', 'image/webp']) {
    const made = await page.evaluate(async (type) => {
      const c = new OffscreenCanvas(96, 54);
      const g = c.getContext('2d'); g.fillStyle = '#3a7'; g.fillRect(0, 0, 96, 54); g.fillStyle = '#fff'; g.fillRect(10, 10, 30, 20);
      return [...new Uint8Array(await (await c.convertToBlob({ type, quality: 0.9 })).arrayBuffer())];
    }, type);
    env.provider.answerWith(made, type);
    const prompt = `an answer as ${type}`;
    await generate(page, prompt);
    await page.waitForFunction((p) => [...document.querySelectorAll('[data-testid=result-card]')].some((c) => c.textContent.includes(p)), prompt);
    const file = await downloadNewest(page);
    const text = file.toString('latin1');
    assert.match(text, /http:\/\/ns\.adobe\.com\/xap\/1\.0\//);
    const json = /banana:made="([^"]*)"/.exec(file.toString('utf8'))[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(JSON.parse(json).prompt, prompt);
    if (type === 'image/webp') assert.equal(file.toString('latin1', 12, 16), 'VP8X');
    const size = await page.evaluate(async ({ bytes, type }) => {
      const b = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type }));
      return [b.width, b.height];
    }, { bytes: [...file], type });
    assert.deepEqual(size, [96, 54], `${type} still decodes`);
    await dropFile(page, file, `back.${type.split('/')[1]}`, type);
    await page.getByTestId('made-offer').waitFor();
    assert.equal(await page.getByTestId('made-prompt').innerText(), prompt);
    await page.getByTestId('dismiss-found').click();
    await page.getByTestId('made-offer').waitFor({ state: 'detached' });
  }
  assert.equal(await page.getByTestId('ref-thumb').count(), 0, 'set aside: nothing added');
  await page.context().close();
});

test('compare models: one request per model, side by side with model, provider, time, cost and size; use the winner', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'image-size', '4K');
  await pick(page, 'aspect-ratio', '8:1');
  await openMore(page);
  const models = ['gemini-3.1-flash-image', 'gemini-3.1-flash-lite-image', 'gemini-2.5-flash-image'];
  await page.getByTestId('compare-models').selectOption(models);
  await page.getByTestId('prompt').fill('a lighthouse at dusk');
  // The estimate covers every model; one without a price in the table names itself.
  await page.waitForFunction(() => /^3 models: No price is set for gemini-2\.5-flash-image/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  await page.getByTestId('compare-models').selectOption(models.slice(0, 2));
  await page.waitForFunction(() => /^2 models: Estimated cost: \$[\d.]+ for 2 image\(s\) at 4K/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  await page.getByTestId('compare-models').selectOption(models);
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=cancel]') && document.querySelectorAll('[data-testid=compare-label]').length === 3, null, { timeout: 30000 });
  // One request per model, the same prompt; the model that lacks 4K and 8:1 is sent without them.
  const sent = generations();
  assert.equal(sent.length, 3);
  const byModel = Object.fromEntries(sent.map((g) => [/models\/([^:]+):/.exec(g.path)[1], g.json]));
  assert.deepEqual(Object.keys(byModel).sort(), [...models].sort());
  for (const m of models) assert.equal(byModel[m].contents[0].parts[0].text, 'a lighthouse at dusk');
  assert.equal(byModel['gemini-3.1-flash-image'].generationConfig.imageConfig.imageSize, '4K');
  assert.equal(byModel['gemini-3.1-flash-image'].generationConfig.imageConfig.aspectRatio, '8:1');
  for (const m of models.slice(1)) {
    const config = byModel[m].generationConfig.imageConfig ?? {};
    assert.notEqual(config.imageSize, '4K', m);
    assert.equal(config.aspectRatio, undefined, m);
  }
  // Each card: its model and provider, time, cost, actual size; the one sent without says so.
  const cards = page.getByTestId('result-card');
  for (let i = 0; i < 3; i++) {
    const card = cards.nth(i);
    const label = await card.getByTestId('compare-model').innerText();
    const model = models.find((m) => label.startsWith(`${m} ·`));
    assert.ok(model, label);
    assert.match(label, /Google AI \(Gemini API\)/);
    const box = await details(page, card);
    assert.match(await box.getByTestId('result-time').innerText(), /\d+\.\d s/);
    assert.equal(await box.getByTestId('result-model').innerText(), model);
    if (model !== 'gemini-2.5-flash-image') assert.match(await box.getByTestId('result-cost').innerText(), /\$/);
    assert.match(await box.getByTestId('result-size').innerText(), /\d+×\d+/);
    await closeDetails(page);
    // Lite makes only 1K images in the standard ratios; 2.5 has no size choice and no 8:1.
    const lacks = model !== 'gemini-3.1-flash-image';
    assert.equal(await card.getByTestId('compare-dropped').count(), lacks ? 1 : 0, model);
    if (lacks) assert.match(await card.getByTestId('compare-dropped').innerText(), new RegExp(`Sent without 4K, 8:1: ${model} does not offer it`));
  }
  // "Use this one": the studio goes on with that model alone, editing its image.
  const lite = cards.filter({ hasText: 'gemini-3.1-flash-lite-image ·' });
  await lite.getByTestId('use-this').click();
  await page.getByTestId('editing').waitFor();
  assert.equal(await chosen(page, 'model-chip'), 'gemini-3.1-flash-lite-image');
  assert.deepEqual(await page.getByTestId('compare-models').evaluate((s) => [...s.selectedOptions].map((o) => o.value)), []);
  await generate(page, 'brighter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 4);
  const next = generations().at(-1);
  assert.match(next.path, /gemini-3\.1-flash-lite-image:generateContent/);
  assert.equal(next.json.contents.length, 3, 'the winner\'s thread, then the new turn');
  assert.equal(await page.getByTestId('compare-label').count(), 3, 'the new result is not part of the comparison');
  await page.context().close();
});

test('the prompt library: save with name and tags, search, insert, rename, delete; kept across reloads and in the ZIP', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await page.getByTestId('open-library').click();
  await page.getByTestId('library-empty').waitFor();
  const save = async (text, name, tags) => {
    await page.getByTestId('prompt').fill(text);
    await page.getByTestId('library-name').fill(name);
    await page.getByTestId('library-tags').fill(tags);
    await page.getByTestId('library-save').click();
  };
  await save('a red fox in deep snow', 'Winter fox', 'animals, #Winter');
  await save('an owl at night, {tawny, snowy}', '', 'animals');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=library-item]').length === 2);
  assert.match(await page.getByTestId('status').innerText(), /Saved to the prompt library as “an owl at night, \{tawny, snowy\}”/);
  const names = () => page.getByTestId('library-item-name').allInnerTexts();
  assert.deepEqual((await names()).sort(), ['Winter fox', 'an owl at night, {tawny, snowy}']);
  assert.match(await page.getByTestId('library-item').filter({ hasText: 'Winter fox' }).innerText(), /#animals\s*#winter/);
  // Saving the same text again renames it instead of keeping two.
  await save('a red fox in deep snow', 'Snow fox', 'animals winter cold');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=library-item-name]')].some((n) => n.textContent === 'Snow fox'));
  assert.equal(await page.getByTestId('library-item').count(), 2);
  // Search by tag, by word.
  await page.getByTestId('library-search').fill('#cold');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=library-item]').length === 1);
  assert.deepEqual(await names(), ['Snow fox']);
  await page.getByTestId('library-search').fill('owl');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=library-item-name]')[0]?.textContent.startsWith('an owl'));
  await page.getByTestId('library-search').fill('');
  // Kept across a reload (IndexedDB).
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.getByTestId('open-library').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=library-item]').length === 2);
  // Insert: the prompt itself into an empty composer, then on a line of its own.
  await page.getByTestId('prompt').fill('');
  await page.getByTestId('library-item').filter({ hasText: 'Snow fox' }).getByTestId('library-insert').click();
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a red fox in deep snow');
  await page.getByTestId('library-item').filter({ hasText: 'an owl' }).getByTestId('library-insert').click();
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a red fox in deep snow\nan owl at night, {tawny, snowy}');
  // Rename and retag in place; delete.
  const owl = page.getByTestId('library-item').filter({ hasText: 'an owl' });
  await owl.getByTestId('library-edit').click();
  await owl.getByTestId('library-edit-name').fill('Owls');
  await owl.getByTestId('library-edit-tags').fill('birds');
  await owl.getByTestId('library-edit').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=library-item-name]')].some((n) => n.textContent === 'Owls'));
  assert.match(await page.getByTestId('library-item').filter({ hasText: 'Owls' }).innerText(), /#birds/);
  // Generate one image so the history has something, then export: the library goes with it. (The key
  // was not kept across the reload.)
  await configure(page, env, { preset: 'google' });
  await generate(page, 'something to export');
  await page.getByTestId('result-image').first().waitFor();
  await page.waitForFunction(() => /1 image in the history|1 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), (await historyMenu(page), page.getByTestId('export')).click()]);
  const zip = { name: 'library.zip', mimeType: 'application/zip', buffer: fs.readFileSync(await download.path()) };
  assert.ok(zip.buffer.includes(Buffer.from('prompts.json')));
  await page.getByTestId('library-item').filter({ hasText: 'Owls' }).getByTestId('library-delete').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=library-item]').length === 1);
  // The list changes at once and the database a moment later: reload once it has.
  for (let i = 0; i < 100 && (await storeCount(page, 'prompts')) !== 1; i++) await page.waitForTimeout(50);
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  await page.getByTestId('open-library').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=library-item]').length === 1);
  await page.context().close();

  // A fresh profile imports the ZIP: both prompts join its library.
  const fresh = await open(env);
  await fresh.getByTestId('open-library').click();
  await fresh.getByTestId('library-empty').waitFor();
  await fresh.getByTestId('import').setInputFiles(zip);
  await fresh.waitForFunction(() => document.querySelectorAll('[data-testid=library-item]').length === 2);
  assert.match(await fresh.getByTestId('status').innerText(), /2 saved prompt\(s\) added to the library/);
  assert.deepEqual((await fresh.getByTestId('library-item-name').allInnerTexts()).sort(), ['Owls', 'Snow fox']);
  await fresh.context().close();
});

/** How many pixels of the editor's canvas hold a mark. */
const painted = (page) => page.getByTestId('annotate-canvas').evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
  return n;
});

/** Drags across the canvas from (x0, y0) to (x1, y1), fractions of its box. */
async function drag(page, [x0, y0], [x1, y1], steps = 12) {
  const b = await page.getByTestId('annotate-canvas').boundingBox();
  await page.mouse.move(b.x + b.width * x0, b.y + b.height * y0);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * x1, b.y + b.height * y1, { steps });
  await page.mouse.up();
}

/** Width and height of a PNG. */
const pngSize = (b) => [b.readUInt32BE(16), b.readUInt32BE(20)];

test('annotate a result: every tool, undo/redo/clear, touch; Done adds the full-size marked PNG and the clean original', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'image-size', '2K');
  await pick(page, 'aspect-ratio', '16:9');
  await generate(page, 'a quiet harbour');
  await page.getByTestId('result-image').first().waitFor();
  const original = await downloadNewest(page);
  assert.deepEqual(pngSize(original), [2048, 1152]);
  await (await tileAction(page, 'annotate')).click();
  await page.getByTestId('annotate-editor').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotate-canvas]').width > 100);
  assert.equal(await page.getByTestId('result-card').first().evaluate((c) => c.closest('[inert]') !== null), true, 'the studio is inert behind it');
  assert.equal(await painted(page), 0);
  // Each tool leaves marks; undo takes the last away, redo brings it back, clear empties and is undone.
  await drag(page, [0.1, 0.1], [0.4, 0.3]);
  const brush = await painted(page);
  assert.ok(brush > 50, `brush ${brush}`);
  const counts = [brush];
  for (const tool of ['arrow', 'rect', 'ellipse']) {
    await page.getByTestId(`annotate-tool-${tool}`).click();
    await drag(page, [0.5, 0.5], [0.8 - counts.length * 0.05, 0.8], 6);
    counts.push(await painted(page));
    assert.ok(counts.at(-1) > counts.at(-2), `${tool} adds marks`);
  }
  await page.getByTestId('annotate-tool-text').click();
  await page.getByTestId('annotate-text').fill('make this red');
  const b = await page.getByTestId('annotate-canvas').boundingBox();
  await page.mouse.click(b.x + b.width * 0.05, b.y + b.height * 0.7);
  await page.waitForFunction((n) => {
    const c = document.querySelector('[data-testid=annotate-canvas]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let k = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) k++;
    return k > n;
  }, counts.at(-1));
  const all = await painted(page);
  await page.getByTestId('annotate-undo').click();
  await page.waitForTimeout(100);
  assert.equal(await painted(page), counts.at(-1), 'undo removes the text');
  await page.getByTestId('annotate-redo').click();
  await page.waitForTimeout(100);
  assert.equal(await painted(page), all, 'redo brings it back');
  await page.getByTestId('annotate-clear').click();
  await page.waitForTimeout(100);
  assert.equal(await painted(page), 0);
  await page.getByTestId('annotate-undo').click();
  await page.waitForTimeout(100);
  assert.equal(await painted(page), all, 'a clear is undone in one step');
  // Touch input draws too (pointer events from a finger).
  await page.getByTestId('annotate-tool-brush').click();
  await page.getByTestId('annotate-canvas').evaluate((c) => {
    const r = c.getBoundingClientRect();
    const at = (type, f) => c.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', pointerId: 7, isPrimary: true, button: 0, buttons: 1, bubbles: true, cancelable: true, clientX: r.left + r.width * f, clientY: r.top + r.height * 0.95 }));
    at('pointerdown', 0.1);
    for (let f = 0.1; f < 0.9; f += 0.05) at('pointermove', f);
    at('pointerup', 0.9);
  });
  await page.waitForTimeout(100);
  assert.ok(await painted(page) > all, 'the touch stroke is drawn');
  // Fit and 100 %.
  await page.getByTestId('annotate-fit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotate-canvas]').getBoundingClientRect().width === 2048);
  await page.getByTestId('annotate-fit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotate-canvas]').getBoundingClientRect().width < 1400);

  await page.getByTestId('annotate-with-original').check();
  await page.getByTestId('annotate-done').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  assert.match(await page.getByTestId('status').innerText(), /marked copy “.*-marked\.png” is a reference now/);
  const prompt = await page.getByTestId('prompt').inputValue();
  assert.match(prompt, /^a quiet harbour\n\nOne of the images is a copy of another with marks drawn on it/);
  assert.match(prompt, /do not draw any of the marks in the result/);
  // Sent: the clean original, then the marked copy at full size, flattened PNG, different pixels.
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  const parts = generations().at(-1).json.contents[0].parts;
  assert.equal(parts.length, 3);
  const clean = Buffer.from(parts[1].inlineData.data, 'base64');
  const marked = Buffer.from(parts[2].inlineData.data, 'base64');
  assert.ok(clean.equals(original), 'the clean original, byte for byte');
  assert.equal(parts[2].inlineData.mimeType, 'image/png');
  assert.deepEqual(pngSize(marked), [2048, 1152], 'full resolution');
  const differs = await page.evaluate(async ([a, b]) => {
    const px = async (bytes) => {
      const bm = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const c = new OffscreenCanvas(bm.width, bm.height); const g = c.getContext('2d'); g.drawImage(bm, 0, 0);
      return g.getImageData(0, 0, bm.width, bm.height).data;
    };
    const [p, q] = [await px(a), await px(b)];
    let n = 0; for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) n++;
    // A pixel in the marks' middle, where the first stroke ran (red-ish).
    return { changed: n, total: p.length / 4 };
  }, [[...clean], [...marked]]);
  assert.ok(differs.changed > 2000 && differs.changed < differs.total / 2, JSON.stringify(differs));
  // The history keeps the marked copy with the entry's references.
  const { storeContents } = await import('./harness.mjs');
  let entries = [];
  for (let i = 0; i < 50 && !entries.some((e) => (JSON.parse(e).references || []).length === 2); i++) {
    await page.waitForTimeout(100);
    entries = await storeContents(page, 'entries');
  }
  const refs = entries.map((e) => JSON.parse(e).references || []).find((r) => r.length === 2);
  assert.ok(refs?.some((r) => /-marked\.png$/.test(r.name)), JSON.stringify(refs));
  await page.context().close();
});

test('annotate a reference (replaced by its marked copy) and from the lightbox; Esc and Cancel add nothing and keep the marks', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  const { png } = await import('./png.mjs');
  await page.getByTestId('ref-input').setInputFiles({ name: 'sofa.png', mimeType: 'image/png', buffer: png(640, 480, [40, 90, 160], [200, 200, 200]) });
  await page.getByTestId('ref-thumb').waitFor();
  await page.getByTestId('ref-thumb').getByTestId('annotate').click();
  await page.getByTestId('annotate-editor').waitFor();
  assert.equal(await page.getByTestId('annotate-with-original').isChecked(), true, 'a reference keeps its original by default');
  await page.getByTestId('annotate-with-original').uncheck();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotate-canvas]').width > 100);
  await page.getByTestId('annotate-tool-ellipse').click();
  await drag(page, [0.3, 0.3], [0.6, 0.6]);
  await page.getByTestId('annotate-done').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[data-testid=ref-thumb] img')?.alt === 'sofa-marked.png');
  assert.equal(await page.getByTestId('ref-thumb').count(), 1, 'the marked copy took its place');
  assert.equal(await page.getByTestId('prompt').inputValue(), '', 'no instruction without the original');
  // Esc and Cancel close without adding anything.
  await page.getByTestId('ref-thumb').getByTestId('annotate').click();
  await page.getByTestId('annotate-editor').waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid=annotate-editor]'));
  await page.keyboard.press('Escape');
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  await generate(page, 'from the lightbox next');
  await page.getByTestId('result-image').first().waitFor();
  await page.getByTestId('open-lightbox').first().click();
  await page.getByTestId('lightbox').getByTestId('annotate').click();
  await page.getByTestId('annotate-editor').waitFor();
  assert.equal(await page.getByTestId('lightbox').count(), 0, 'the lightbox made way');
  // Marks left by Cancel are kept for the same image.
  await page.waitForFunction(() => document.querySelector('[data-testid=annotate-canvas]').width > 100);
  await drag(page, [0.2, 0.2], [0.7, 0.5]);
  const marks = await painted(page);
  assert.ok(marks > 50);
  await page.getByTestId('annotate-cancel').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('status').innerText(), /Your marks are kept/);
  await (await tileAction(page, 'annotate')).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=annotate-canvas]')?.width > 100);
  await page.waitForFunction((n) => {
    const c = document.querySelector('[data-testid=annotate-canvas]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let k = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) k++;
    return k > n / 2;
  }, marks);
  await page.getByTestId('annotate-cancel').click();
  await page.getByTestId('annotate-editor').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('ref-thumb').count(), 1);
  await page.context().close();
});
