// Relays that work from a static page (issue 18): the OpenAI-compatible dialect as OpenRouter documents
// it, a network error told apart (unreachable, each CORS refusal, mixed content), "Test connection",
// and the user's own CORS proxy, run from the very scripts the studio offers to copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, open, configure, generate, openMore, naturalWidth, watchPreviews, details, closeDetails, tileAction, pick } from './harness.mjs';
import { startProxy } from './proxy.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const chats = () => env.provider.requests.filter((r) => /chat\/completions$/.test(r.path));

async function errorShown(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden, null, { timeout: 30000 });
  return { kind: await page.getByTestId('error').getAttribute('data-kind'), text: await page.getByTestId('error').innerText() };
}

async function results(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-image]').length >= n, n, { timeout: 30000 });
}

test('OpenRouter: the documented chat-completions request, the image from its data URI, editing goes on as a conversation', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'openrouter', baseUrl: `${env.provider.url}/api/v1` });
  assert.equal(await page.getByTestId('model').inputValue(), 'google/gemini-3.1-flash-image-preview');
  await page.getByTestId('ref-input').setInputFiles([{ name: 'ref.png', mimeType: 'image/png', buffer: png(8, 8) }]);
  await page.getByTestId('ref-thumb').first().waitFor();
  await pick(page, 'aspect-ratio', '16:9');
  await pick(page, 'image-size', '2K');
  await generate(page, 'a fox in the snow');
  await results(page, 1);
  const [sent] = chats();
  assert.equal(sent.path, '/api/v1/chat/completions');
  assert.equal(sent.headers.authorization, 'Bearer test-key');
  assert.equal(sent.headers['content-type'], 'application/json');
  assert.deepEqual(sent.json.modalities, ['image', 'text']);
  assert.deepEqual(sent.json.image_config, { aspect_ratio: '16:9', image_size: '2K' });
  assert.equal(sent.json.stream, false);
  assert.equal(sent.json.messages.length, 1);
  const [text, image] = sent.json.messages[0].content;
  assert.deepEqual(text, { type: 'text', text: 'a fox in the snow' });
  assert.equal(image.type, 'image_url');
  assert.ok(image.image_url.url.startsWith('data:image/png;base64,'));
  assert.deepEqual(Buffer.from(image.image_url.url.split(',')[1], 'base64'), png(8, 8), 'the reference, byte for byte');
  assert.equal(await naturalWidth(page.getByTestId('result-image').first()), 2048);
  assert.match(await (await details(page)).getByTestId('result-caption').innerText(), /2048×1152/);
  await closeDetails(page);
  // Continue editing: the model's answer goes back as the assistant message, images included.
  await (await tileAction(page, 'continue-editing')).click();
  await generate(page, 'now at night');
  await results(page, 2);
  const again = chats()[1].json.messages;
  assert.deepEqual(again.map((m) => m.role), ['user', 'assistant', 'user']);
  assert.equal(again[1].images[0].type, 'image_url');
  assert.ok(again[1].images[0].image_url.url.startsWith('data:image/png;base64,'));
  assert.match(again[1].content[0].text, /2048×1152/);
  assert.equal(again[2].content[0].text, 'now at night');
  await page.context().close();
});

test('OpenAI-compatible answers in each documented form: camelCase, content parts, a link fetched once, image_config ignored and said, an expired link told', async () => {
  env.provider.reset();
  const page = await open(env);
  // Vercel's AI Gateway style: the base URL ends in /v1.
  await configure(page, env, { preset: 'custom', dialect: 'openai', auth: 'bearer', baseUrl: `${env.provider.url}/v1`, model: 'google/gemini-3.1-flash-image' });
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  env.provider.queue('camel', 'content-parts', 'url');
  for (const [i, form] of ['camel', 'content-parts', 'url'].entries()) {
    await generate(page, `answer as ${form}`);
    await results(page, i + 1);
  }
  assert.deepEqual(chats().map((r) => r.path), ['/v1/chat/completions', '/v1/chat/completions', '/v1/chat/completions']);
  const files = env.provider.requests.filter((r) => r.path.startsWith('/files/'));
  assert.equal(files.length, 1, 'the linked image was downloaded once');
  assert.equal(requested.filter((u) => u.includes('/files/')).length, 1, 'and only by fetch');
  const sources = await page.getByTestId('result-image').evaluateAll((imgs) => imgs.map((i) => i.src));
  assert.ok(sources.every((s) => s.startsWith('blob:')), `every result is a blob: URL (${sources})`);
  // A relay that ignores image_config: the card says what was asked and not given.
  await pick(page, 'aspect-ratio', '16:9');
  await pick(page, 'image-size', '2K');
  env.provider.queue('ignores-size');
  await generate(page, 'a relay that ignores the size');
  await results(page, 4);
  assert.deepEqual(chats().at(-1).json.image_config, { aspect_ratio: '16:9', image_size: '2K' });
  const card = page.getByTestId('result-card').first();
  assert.equal(await card.getByTestId('size-mismatch').innerText(), 'asked 2K, 16:9');
  assert.match(await (await details(page, card)).getByTestId('result-size').innerText(), /^1024×1024 · 1:1/);
  await closeDetails(page);
  env.provider.queue('url-expired');
  await generate(page, 'a link that is gone');
  const { kind, text } = await errorShown(page);
  assert.equal(kind, 'image-expired');
  assert.match(text, /link expired/);
  assert.equal(await page.getByTestId('prompt').inputValue(), 'a link that is gone');
  await page.context().close();
});

test('with drafts asked for, an OpenAI-compatible answer streams (SSE) and its image shows as it arrives', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'openrouter', baseUrl: `${env.provider.url}/api/v1` });
  await openMore(page);
  await page.getByTestId('include-thoughts').check();
  await watchPreviews(page);
  await generate(page, 'a streamed fox');
  await results(page, 1);
  const [sent] = chats();
  assert.equal(sent.json.stream, true);
  assert.equal(chats().length, 1, 'one request: the stream');
  const previews = await page.evaluate(() => window.__previews);
  assert.equal(previews.length, 1, 'the image showed while the stream was still open');
  assert.match(await (await details(page)).getByTestId('result-caption').innerText(), /Here is your/);
  await page.context().close();
});

test('a network error is told apart: unreachable, no CORS headers, a refused preflight, a refused key header, mixed content', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google', baseUrl: 'http://127.0.0.1:9' });
  await generate(page, 'nobody there');
  let shown = await errorShown(page);
  assert.equal(shown.kind, 'network');
  assert.match(shown.text, /Could not reach 127\.0\.0\.1:9/);
  const cases = [
    ['none', /answers, but not to web pages.*Access-Control-Allow-Origin.*CORS proxy/s],
    ['no-preflight', /refuses the browser's preflight check/],
    ['bearer-only', /does not let web pages send the x-goog-api-key header.*Authorization: Bearer or \?key=/s],
  ];
  await configure(page, env, { preset: 'google' });
  for (const [mode, pattern] of cases) {
    env.provider.reset();
    env.provider.setCors(mode);
    if (await page.getByTestId('error').isVisible()) await page.getByTestId('error').locator('button').click();
    await generate(page, `cors ${mode}`);
    await page.waitForFunction(([source, flags]) => new RegExp(source, flags).test(document.querySelector('[data-testid=error]').textContent), [pattern.source, pattern.flags], { timeout: 30000 });
    shown = await errorShown(page);
    assert.equal(shown.kind, 'cors', mode);
    assert.equal(await page.getByTestId('prompt').inputValue(), `cors ${mode}`, 'the prompt is kept');
    assert.match(shown.text, new RegExp(`^127\\.0\\.0\\.1:${new URL(env.provider.url).port}`), 'names the host');
    assert.equal(env.provider.requests.filter((r) => r.auth.key === 'test-key').length, 0, `${mode}: the key was never read by the provider`);
  }
  // The fix the message names works: the key in the Authorization header passes the same relay.
  await configure(page, env, { preset: 'custom', auth: 'bearer' });
  await generate(page, 'bearer passes');
  await results(page, 1);
  env.provider.reset();
  await page.context().close();

  // Mixed content: the studio on https, a provider on plain http elsewhere: refused before sending.
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
  await context.route('https://studio.test/**', (route) => {
    const rel = new URL(route.request().url()).pathname.slice(1) || 'index.html';
    const file = path.join(dist, rel);
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return route.fulfill({ status: 404, body: 'not found' });
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
    return route.fulfill({ status: 200, body: fs.readFileSync(file), headers: { 'content-type': types[path.extname(file)] || 'application/octet-stream' } });
  });
  const asked = [];
  await context.route('http://relay.test/**', (route) => { asked.push(route.request().url()); return route.abort(); });
  const secure = await context.newPage();
  await secure.goto('https://studio.test/');
  await secure.getByTestId('prompt').waitFor();
  await configure(secure, env, { preset: 'google', baseUrl: 'http://relay.test' });
  await generate(secure, 'from https to http');
  shown = await errorShown(secure);
  assert.equal(shown.kind, 'cors');
  assert.match(shown.text, /served over https and relay\.test over plain http.*mixed content/s);
  assert.deepEqual(asked, [], 'nothing was sent');
  await context.close();
});

test('Test connection: a listed model, one not listed, a relay without a list, a refused key, and CORS', async () => {
  env.provider.reset();
  const page = await open(env);
  const tested = async (pattern, kind) => {
    await page.getByTestId('test-connection').click();
    await page.waitForFunction((k) => document.querySelector('[data-testid=connection-result]')?.dataset.kind === k, kind, { timeout: 30000 });
    assert.match(await page.getByTestId('connection-result').innerText(), pattern);
  };
  await configure(page, env, { preset: 'google' });
  const host = new URL(env.provider.url).host.replace(/\./g, '\\.');
  await tested(new RegExp(`Connected to ${host}: the key works and gemini-3\\.1-flash-image is among its 5 models`), 'ok');
  const list = env.provider.requests.find((r) => r.path === '/v1beta/models');
  assert.equal(list.headers['x-goog-api-key'], 'test-key');
  await page.getByTestId('model').fill('gemini-3.1-flash-imag');
  await page.getByTestId('model').press('Tab');
  await tested(/gemini-3\.1-flash-imag is not among its 5 models: check the model id/, 'unlisted');
  await configure(page, env, { preset: 'openrouter', baseUrl: `${env.provider.url}/api/v1` });
  await tested(/google\/gemini-3\.1-flash-image-preview is among its 5 image models\. Its list is public, so the key is checked at the first generation/, 'ok');
  await configure(page, env, { preset: 'gccai' });
  await tested(/it answers this page \(HTTP 404\)/, 'ok');
  await configure(page, env, { preset: 'google', key: 'bad-key' });
  await tested(/API key/, 'invalid-key');
  env.provider.setCors('none');
  await configure(page, env, { preset: 'google' });
  await tested(/Access-Control-Allow-Origin/, 'cors');
  assert.equal(env.provider.requests.filter((r) => r.path.includes('Content')).length, 0, 'nothing was generated (or paid for)');
  env.provider.reset();
  await page.context().close();
});

for (const script of ['cloudflare-worker', 'deno-deploy']) {
  test(`the ${script} proxy as shipped makes a provider without CORS headers work; the key stays in its header`, async () => {
    env.provider.reset();
    env.provider.setCors('none');
    const origin = new URL(env.app.url).origin;
    const proxy = await startProxy(script, { target: env.provider.url, origin });
    const page = await open(env);
    const direct = [];
    page.on('request', (r) => { if (r.url().startsWith(env.provider.url)) direct.push(r.url()); });
    await configure(page, env, { preset: 'google' });
    await page.getByTestId('proxy-url').fill(proxy.url);
    await page.getByTestId('proxy-url').press('Tab');
    await page.getByTestId('proxy-risk').waitFor();
    await generate(page, 'through my own proxy');
    await results(page, 1);
    const [sent] = env.provider.requests.filter((r) => r.path.includes(':generateContent'));
    assert.equal(sent.headers['x-goog-api-key'], 'test-key', 'the key in the header it goes in without a proxy');
    assert.ok(proxy.seen.some((s) => s.method === 'POST' && s.url === `/${env.provider.url}/v1beta/models/gemini-3.1-flash-image:generateContent` && s.origin === origin));
    assert.deepEqual(direct, [], 'the page never asked the provider itself');
    // The proxy answers no other page and forwards nowhere else.
    const other = await fetch(`${proxy.url}/${env.provider.url}/v1beta/models`, { headers: { origin: 'https://elsewhere.example' } });
    assert.equal(other.status, 403);
    const elsewhere = await fetch(`${proxy.url}/https://example.com/`, { headers: { origin } });
    assert.equal(elsewhere.status, 403);
    // Test connection goes through it too.
    await page.getByTestId('test-connection').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=connection-result]')?.dataset.kind === 'ok', null, { timeout: 30000 });
    await page.context().close();
    await proxy.close();
    env.provider.reset();
  });
}

test('the proxy scripts are offered to copy, filled in for this provider and this page', async () => {
  env.provider.reset();
  const page = await open(env);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.app.url).origin });
  await configure(page, env, { preset: 'google' });
  await page.getByTestId('proxy-setup').locator('summary').click();
  const origin = new URL(env.app.url).origin;
  assert.match(await page.getByTestId('proxy-setup').innerText(), new RegExp(`forwards only to ${env.provider.url.replace(/\./g, '\\.')} and answers only this page \\(${origin.replace(/\./g, '\\.')}\\)`));
  for (const [id, marker] of [['cloudflare', 'export default'], ['deno', 'Deno.serve']]) {
    await page.getByTestId(`copy-proxy-${id}`).click();
    await page.waitForFunction(() => /Copied/.test(document.querySelector('[data-testid=proxy-copied]').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes(marker), id);
    assert.ok(copied.includes(`const TARGET_ORIGIN = '${env.provider.url}';`), id);
    assert.ok(copied.includes(`const ALLOWED_ORIGIN = '${origin}';`), id);
    assert.equal(await page.getByTestId('proxy-script').innerText(), copied);
  }
  await page.context().close();
});
