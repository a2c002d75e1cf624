// The studio as a person uses it: controls that follow the model, results and what to do with them,
// settings that survive a reload, and the key that stays put.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, lastGeneration, naturalWidth, openSettings, openMore, tileAction, details, closeDetails, pick, chosen, offered } from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const options = (page, id) => page.getByTestId(id).locator('option').evaluateAll((os) => os.map((o) => o.value));

test('controls follow the chosen model', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'google', model: 'gemini-3.1-flash-image' });
  assert.deepEqual(await offered(page, 'image-size'), ['', '512', '1K', '2K', '4K']);
  assert.ok((await offered(page, 'aspect-ratio')).includes('8:1'));
  assert.deepEqual(await options(page, 'thinking'), ['', 'MINIMAL', 'HIGH']);
  assert.deepEqual(await offered(page, 'count'), ['1', '2', '3', '4']);
  await pick(page, 'image-size', '4K');
  await openSettings(page);
  await page.getByTestId('model').fill('gemini-3.1-flash-lite-image');
  await page.getByTestId('model').press('Tab');
  assert.deepEqual(await offered(page, 'image-size'), ['', '1K']);
  assert.equal(await chosen(page, 'image-size'), '', '4K is dropped, not silently kept');
  assert.ok(!(await offered(page, 'aspect-ratio')).includes('8:1'));
  assert.equal(await page.getByTestId('web-search').count(), 0, 'Lite has no search grounding');
  await openSettings(page);
  await page.getByTestId('model').fill('gemini-2.5-flash-image');
  await page.getByTestId('model').press('Tab');
  assert.equal(await page.getByTestId('image-size').count(), 0);
  assert.equal(await page.getByTestId('thinking').count(), 0);
  await openSettings(page);
  await page.getByTestId('provider').selectOption('gccai');
  assert.equal(await page.getByTestId('thinking').count(), 0, 'the task API has no thinking level');
  assert.equal(await page.getByTestId('system').count(), 0);
  await page.context().close();
});

test('N images are N parallel requests, shown as they arrive', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await pick(page, 'count', '3');
  await pick(page, 'image-size', '2K');
  await openMore(page);
  await page.getByTestId('thinking').selectOption('HIGH');
  await generate(page, 'three bananas');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 3);
  const gens = env.provider.requests.filter((r) => r.path.endsWith(':generateContent'));
  assert.equal(gens.length, 3);
  for (const g of gens) {
    assert.equal(g.json.generationConfig.imageConfig.imageSize, '2K');
    assert.deepEqual(g.json.generationConfig.thinkingConfig, { thinkingLevel: 'HIGH', includeThoughts: false });
  }
  const meta = await (await details(page)).getByTestId('result-size').innerText();
  assert.match(meta, /2048×2048/);
  await page.context().close();
});

test('results: caption as text, usage, sources, download, full size, use as reference', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('web-search').check();
  await page.getByTestId('prompt').fill('search grounded banana');
  await page.keyboard.press('Control+Enter');
  const img = page.getByTestId('result-image').first();
  await img.waitFor();
  const src = await img.getAttribute('src');
  assert.ok(src.startsWith('blob:'), src);
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth === 1024), 'the image decodes');
  const box = await details(page);
  assert.match(await box.getByTestId('result-caption').innerText(), /Here is your 1024×1024 image\./);
  assert.match(await box.getByTestId('result-usage').innerText(), /1326 total/);
  const link = box.getByTestId('result-sources').locator('a');
  assert.equal(await link.innerText(), 'All about bananas');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await closeDetails(page);
  assert.deepEqual(lastGeneration(env.provider).json.tools, [{ googleSearch: {} }]);
  const [download] = await Promise.all([page.waitForEvent('download'), (await tileAction(page, 'download')).click()]);
  assert.match(download.suggestedFilename(), /^banana-search-grounded-banana-\d{8}-\d{6}-1\.png$/);
  assert.equal(await (await tileAction(page, 'open')).getAttribute('href'), src);
  await page.keyboard.press('Escape');
  await (await tileAction(page, 'use-as-reference')).click();
  assert.equal(await page.getByTestId('ref-thumb').count(), 1);
  await page.context().close();
});

test('thought images stay drafts; relay answers in snake_case, in text, and as URLs', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  for (const scenario of ['thoughts', 'snake', 'text-data-uri', 'text-url']) {
    env.provider.reset();
    env.provider.queue(scenario);
    if (await page.getByTestId('result-card').count()) await (await tileAction(page, 'remove-result')).click();
    await generate(page, `scenario ${scenario}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 1 && !document.querySelector('[data-testid=cancel]'));
    assert.equal(await naturalWidth(page.getByTestId('result-image')), 1024, `${scenario}: the final image, not the 64 px draft`);
    const caption = await (await details(page)).getByTestId('result-caption').innerText();
    await closeDetails(page);
    assert.match(caption, /Here is your 1024×1024 image\./, scenario);
    assert.ok(!caption.includes('base64') && !caption.includes('/files/'), `${scenario}: no image markup in the caption`);
  }
  await page.context().close();
});

test('settings persist across a reload; the key only when remembered', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'anyfast', key: 'remember-me-key' });
  await pick(page, 'aspect-ratio', '9:16');
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.getByTestId('provider').inputValue(), 'anyfast');
  assert.equal(await page.getByTestId('base-url').inputValue(), env.provider.url);
  assert.equal(await chosen(page, 'aspect-ratio'), '9:16');
  assert.equal(await page.getByTestId('api-key').inputValue(), '', 'not remembered by default');
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(!stored.includes('remember-me-key'));

  await openSettings(page);
  await page.getByTestId('api-key').fill('remember-me-key');
  await page.getByTestId('remember-key').check();
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.getByTestId('api-key').inputValue(), 'remember-me-key');
  assert.equal(await page.getByTestId('api-key').getAttribute('type'), 'password');
  await openSettings(page);
  await page.getByTestId('show-key').click();
  assert.equal(await page.getByTestId('api-key').getAttribute('type'), 'text');
  await openSettings(page);
  await page.getByTestId('remember-key').uncheck();
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.getByTestId('api-key').inputValue(), '');
  await page.context().close();
});

test('a caption full of markup is shown as text', async () => {
  env.provider.reset();
  env.provider.queue('html-caption');
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await generate(page, '<img src=x onerror="window.pwned=1">');
  await page.getByTestId('result-image').first().waitFor();
  const caption = (await details(page)).getByTestId('result-caption');
  assert.equal(await caption.innerText(), '<b>bold</b><img src=x onerror="window.pwned=1"> & more');
  assert.equal(await caption.locator('img, b').count(), 0, 'no element was created from the caption');
  // The file name is built from the prompt: no markup gets into attributes either.
  const name = await page.getByTestId('download').getAttribute('download');
  assert.match(name, /^banana-img-src-x-onerror-window-pwned-1-/);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});

test('references from drag and drop and from the clipboard', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  // Two different images: the same one twice would be refused as a duplicate.
  const images = { drop: [...png(12, 12, [10, 200, 10], [200, 10, 10])], paste: [...png(14, 10, [200, 10, 10], [10, 10, 200])] };
  const drop = (type) => page.evaluate(({ bytes, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], `${type}.png`, { type: 'image/png' }));
    if (type === 'drop') {
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    } else {
      document.querySelector('[data-testid=prompt]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }
  }, { bytes: images[type], type });
  await drop('drop');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 1);
  await drop('paste');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  env.provider.reset();
  await generate(page, 'dropped and pasted');
  await page.getByTestId('result-image').first().waitFor();
  const parts = lastGeneration(env.provider).json.contents[0].parts;
  assert.equal(parts.length, 3);
  assert.deepEqual(parts.slice(1).map((p) => [...Buffer.from(p.inlineData.data, 'base64')]), [images.drop, images.paste]);
  await page.context().close();
});

test('a removed result frees its blob URL', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await generate(page, 'short-lived');
  const src = await page.getByTestId('result-image').first().getAttribute('src');
  // Loaded as an image (the page's CSP allows blob: images, not fetching them).
  const loads = (u) => page.evaluate((u) => { const i = new Image(); i.src = u; return i.decode().then(() => true, () => false); }, u);
  assert.equal(await loads(src), true);
  await (await tileAction(page, 'remove-result')).click();
  assert.equal(await page.getByTestId('result-image').count(), 0);
  const stillThere = await loads(src);
  assert.equal(stillThere, false, 'the blob URL was revoked');
  await page.context().close();
});
