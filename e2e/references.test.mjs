// Large references are shrunk in the browser before sending (over the provider's limit or the user's
// long edge), with the saving shown; the original is what the history and the form's draft keep.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, lastGeneration, waitForStoreCount, storeSizes, decodedSize , openMore} from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const sent = (provider) => Buffer.from(lastGeneration(provider).json.contents[0].parts[1].inlineData.data, 'base64');
const note = (page) => page.getByTestId('ref-note').first().innerText();

test('a reference over the long-edge limit is sent shrunk, the saving shown; the history and the draft keep the original', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('ref-long-edge').selectOption('1024');
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  const original = png(3000, 2000, [30, 90, 160], [250, 200, 40], { grain: 1 });
  await page.getByTestId('ref-input').setInputFiles([{ name: 'wide.png', mimeType: 'image/png', buffer: original }]);
  await page.getByTestId('ref-note').waitFor();
  assert.match(await note(page), /^wide\.png: 3000×2000 → 1024×683 PNG, [\d.]+ MB → [\d.]+ [KM]?B \(\d+ % smaller; over your 1024 px limit\)$/);
  assert.match(await page.getByTestId('ref-shrunk').innerText(), /^−\d+ %$/);
  assert.ok(workers.some((u) => u.endsWith('/src/browser/shrink_worker.js')), 'shrunk in a worker, off the main thread');

  await generate(page, 'from the wide one');
  await page.getByTestId('result-image').first().waitFor();
  const small = sent(env.provider);
  assert.equal(lastGeneration(env.provider).json.contents[0].parts[1].inlineData.mimeType, 'image/png');
  assert.deepEqual([small.readUInt32BE(16), small.readUInt32BE(20)], [1024, 683], 'the request carries the shrunk PNG');
  assert.ok(small.length < original.length / 4);
  // The history keeps the original, not the copy sent.
  await waitForStoreCount(page, 'entries', 1);
  assert.ok((await storeSizes(page, 'parts')).includes(original.length), 'the original is stored with the entry');

  // Back to the original size: the same reference is sent byte for byte.
  await openMore(page);
  await page.getByTestId('ref-long-edge').selectOption('');
  await page.waitForFunction(() => !document.querySelector('[data-testid=ref-note]'));
  await generate(page, 'from the original');
  await page.getByTestId('result-image').nth(1).waitFor();
  assert.ok(sent(env.provider).equals(original));

  // The draft keeps the original too: after a reload it is fitted to the limit then in force.
  await openMore(page);
  await page.getByTestId('ref-long-edge').selectOption('1536');
  await page.getByTestId('ref-note').waitFor();
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByTestId('ref-note').waitFor({ timeout: 20000 });
  assert.match(await note(page), /^wide\.png: 3000×2000 → 1536×1024 PNG/);
  assert.equal(await page.getByTestId('ref-long-edge').inputValue(), '1536');
  await page.context().close();
});

test('switching to a relay with a 10 MB limit shrinks a larger reference to fit it, and the relay takes it', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  const big = png(4096, 3072, [10, 20, 30], [230, 220, 210], { grain: 60 });
  assert.ok(big.length > 10_000_000, `${big.length} bytes`);
  const keep = png(40, 30, [1, 2, 3], [250, 251, 252]);
  await page.getByTestId('ref-input').setInputFiles([
    { name: 'huge.png', mimeType: 'image/png', buffer: big },
    { name: 'keep.png', mimeType: 'image/png', buffer: keep },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=ref-thumb]').length === 2, null, { timeout: 20000 });
  assert.equal(await page.getByTestId('ref-note').count(), 0, 'Google takes it as it is');

  await configure(page, env, { preset: 'gccai' });
  await page.getByTestId('ref-note').waitFor({ timeout: 30000 });
  assert.match(await note(page), /^huge\.png: 4096×3072 → \d+×\d+ JPEG, [\d.]+ MB → [\d.]+ MB \(\d+ % smaller; over the provider's 10\.0 MB per image\)$/);
  await page.waitForFunction(() => !document.querySelector('[data-testid=status]')?.textContent.includes('Preparing'));
  await generate(page, 'task with a big reference');
  await page.getByTestId('result-image').first().waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId('error').isHidden(), true);
  const urls = lastGeneration(env.provider).json.image_urls;
  assert.equal(urls.length, 2);
  // An opaque PNG goes lossy as JPEG: quick to encode, taken everywhere.
  const [, format, data] = /^data:image\/(jpeg);base64,(.*)$/.exec(urls[0]);
  const shrunk = Buffer.from(data, 'base64');
  assert.ok(shrunk.length <= 10_000_000, `${shrunk.length} bytes sent`);
  const [w, h] = await decodedSize(page, shrunk);
  assert.ok(w <= 4096 && Math.abs(w / h - 4 / 3) < 0.01, `${w}×${h} (${format})`);
  assert.equal(urls[1], `data:image/png;base64,${keep.toString('base64')}`, 'the small one is sent as it is');
  await page.context().close();
});
