// Every preset's request shape (path, auth placement, body fields), and references arriving byte-exact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, lastGeneration, openMore, details, pick } from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const NATIVE = [
  { preset: 'google', placement: 'header', model: 'gemini-3.1-flash-image' },
  { preset: 'anyfast', placement: 'query', model: 'gemini-3.1-flash-image' },
  { preset: 'tokaify', placement: 'bearer', model: 'gemini-3.1-flash-image-preview' },
  { preset: 'custom', placement: 'query', model: 'gemini-3.1-flash-lite-image', auth: 'query' },
  { preset: 'custom', placement: 'header', model: 'my-future-model', auth: 'header' },
];

for (const c of NATIVE) {
  test(`${c.preset} (${c.placement}) sends the Gemini native request`, async () => {
    env.provider.reset();
    const page = await open(env);
    await configure(page, env, { preset: c.preset, key: `key-${c.preset}`, auth: c.auth, model: c.preset === 'custom' ? c.model : undefined });
    assert.equal(await page.getByTestId('model').inputValue(), c.model);
    await pick(page, 'aspect-ratio', '3:4');
    await generate(page, `prompt for ${c.preset}`);
    await page.getByTestId('result-image').first().waitFor();
    const r = lastGeneration(env.provider);
    assert.equal(r.method, 'POST');
    assert.equal(r.path, `/v1beta/models/${c.model}:generateContent`);
    assert.equal(r.auth.placement, c.placement);
    assert.equal(r.auth.key, `key-${c.preset}`);
    if (c.placement !== 'query') assert.equal(r.query.key, undefined, 'key not in the URL');
    if (c.placement !== 'header') assert.equal(r.headers['x-goog-api-key'], undefined);
    if (c.placement !== 'bearer') assert.equal(r.headers.authorization, undefined);
    assert.equal(r.headers.cookie, undefined);
    assert.equal(r.headers.referer, undefined, 'no referrer leaks the page');
    assert.deepEqual(r.json.contents, [{ role: 'user', parts: [{ text: `prompt for ${c.preset}` }] }]);
    assert.deepEqual(r.json.generationConfig.responseModalities, ['TEXT', 'IMAGE']);
    assert.deepEqual(r.json.generationConfig.imageConfig, { aspectRatio: '3:4' });
    assert.equal(r.json.generationConfig.candidateCount, undefined);
    // Only the headers Google's CORS preflight allows.
    for (const p of env.provider.preflights) {
      for (const h of p.headers) assert.ok(['content-type', 'x-goog-api-key', 'authorization'].includes(h), h);
    }
    assert.ok(!page.url().includes(`key-${c.preset}`));
    await page.context().close();
  });
}

test('gccai sends the task API request and polls with progress', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'gccai', key: 'task-key' });
  await pick(page, 'aspect-ratio', '16:9');
  await pick(page, 'image-size', '2K');
  await pick(page, 'count', '2');
  await openMore(page);
  await page.getByTestId('web-search').check();
  await page.getByTestId('image-search').check();
  await generate(page, 'a task banana');
  const progress = page.getByTestId('progress');
  await progress.waitFor();
  const seen = new Set();
  while ((await page.getByTestId('result-image').count()) < 2) {
    const v = await progress.evaluate((p) => p.value).catch(() => null);
    if (v !== null) seen.add(v);
    await page.waitForTimeout(100);
  }
  assert.ok([...seen].some((v) => v > 0 && v < 100), `progress moved: ${[...seen]}`);
  const submit = env.provider.requests.find((r) => r.path === '/v1/images/generations');
  assert.equal(submit.auth.placement, 'bearer');
  assert.equal(submit.auth.key, 'task-key');
  assert.deepEqual(submit.json, {
    model: 'gemini-3.1-flash-image-preview', prompt: 'a task banana', size: '16:9', resolution: '2K', n: 2,
    official_fallback: false, google_search: true, google_image_search: true,
  });
  const polls = env.provider.requests.filter((r) => r.path.startsWith('/v1/tasks/'));
  assert.ok(polls.length >= 4);
  for (const p of polls) {
    assert.equal(p.method, 'GET');
    assert.equal(p.search, '?language=en');
    assert.equal(p.auth.key, 'task-key');
  }
  const downloads = env.provider.requests.filter((r) => r.path.startsWith('/files/'));
  assert.equal(downloads.length, 2);
  for (const d of downloads) assert.equal(d.auth.placement, 'none', 'the key never goes to image hosts');
  // 2K at 16:9 is 2048x1152.
  assert.match(await (await details(page)).getByTestId('result-size').innerText(), /2048×1152/);
  await page.context().close();
});

test('custom task provider with bearer auth', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'custom', dialect: 'task', auth: 'bearer', model: 'gemini-3.1-flash-image-preview-official' });
  await generate(page, 'custom task');
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(lastGeneration(env.provider).json.model, 'gemini-3.1-flash-image-preview-official');
  await page.context().close();
});

test('references arrive byte-exact, in both dialects', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  const a = png(40, 30, [1, 2, 3], [250, 251, 252]);
  const b = png(17, 61, [9, 9, 9], [100, 0, 200]);
  await page.getByTestId('ref-input').setInputFiles([
    { name: 'a.png', mimeType: 'image/png', buffer: a },
    { name: 'b.png', mimeType: 'image/png', buffer: b },
  ]);
  await assert.doesNotReject(page.getByTestId('ref-thumb').nth(1).waitFor());
  await generate(page, 'use both');
  await page.getByTestId('result-image').first().waitFor();
  const parts = lastGeneration(env.provider).json.contents[0].parts;
  assert.equal(parts[0].text, 'use both');
  assert.equal(parts[1].inlineData.mimeType, 'image/png');
  assert.ok(Buffer.from(parts[1].inlineData.data, 'base64').equals(a));
  assert.ok(Buffer.from(parts[2].inlineData.data, 'base64').equals(b));

  // Remove one, switch to the task API: the other goes as a data URI.
  await page.getByTestId('ref-remove').first().click();
  assert.equal(await page.getByTestId('ref-thumb').count(), 1);
  await configure(page, env, { preset: 'gccai' });
  await generate(page, 'task with ref');
  await page.getByTestId('result-image').nth(1).waitFor({ timeout: 30000 });
  const sub = lastGeneration(env.provider).json;
  assert.deepEqual(sub.image_urls, [`data:image/png;base64,${b.toString('base64')}`]);
  await page.context().close();
});
