// Embedding: plain HTML pages on another origin (the examples under examples/, as a site would serve
// them) use the hosted build through its one stable file, banana-studio.js: the <banana-studio> custom
// element with its events, and the generate() JavaScript API with Blobs and typed errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, configure, generate, EXAMPLES , openSettings} from './harness.mjs';
import { startProvider } from './provider.mjs';
import { png } from './png.mjs';

let app, host, provider, browser;
before(async () => {
  [app, provider, browser] = await Promise.all([serveDist({ prefix: '/banana-studio/' }), startProvider(), launch()]);
  // The examples point at the app and provider as `scripts/serve.sh` runs them; here they are elsewhere.
  const rewrite = (_rel, text) => text
    .replaceAll('http://127.0.0.1:8080/', app.url)
    .replaceAll('http://127.0.0.1:8788', provider.url.replace(/\/$/, ''));
  host = await serveDist({ root: EXAMPLES, rewrite });
});
after(async () => { await browser?.close(); await provider?.close(); await app?.close(); await host?.close(); });

async function openHost(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(new URL(path, host.url).href);
  assert.notEqual(new URL(host.url).origin, new URL(app.url).origin, 'the host page is another site');
  return { page, problems };
}

test('<banana-studio>: one script tag, attributes preset the form, results and errors reach the host as events', async () => {
  const { page, problems } = await openHost('custom-element/index.html');
  const studio = page.locator('banana-studio');
  await studio.getByTestId('prompt').waitFor();
  // The attributes, in the shadow root's form.
  assert.equal(await studio.getByTestId('provider').inputValue(), 'custom');
  assert.equal(await studio.getByTestId('base-url').inputValue(), provider.url.replace(/\/$/, ''));
  assert.equal(await studio.getByTestId('model').inputValue(), 'gemini-3.1-flash-image');
  // theme="dark": the studio's own colours, whatever the system's, isolated from the host page's CSS.
  const look = await studio.evaluate((el) => {
    const root = el.shadowRoot.querySelector('.banana-root');
    return { theme: root.dataset.theme, bg: getComputedStyle(root).backgroundColor, hostBg: getComputedStyle(document.body).backgroundColor };
  });
  assert.equal(look.theme, 'dark');
  const [r, g, b] = look.bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark background, got ${look.bg}`);
  await studio.evaluate((el) => el.setAttribute('theme', 'light'));
  const light = await studio.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.banana-root')).backgroundColor);
  assert.ok(light.match(/\d+/g).map(Number).slice(0, 3).reduce((a, b) => a + b) > 600, `light background, got ${light}`);

  await openSettings(studio);
  await studio.getByTestId('api-key').fill('test-key');
  await studio.getByTestId('ref-input').setInputFiles([{ name: 'ref.png', mimeType: 'image/png', buffer: png(64, 64) }]);
  await studio.getByTestId('prompt').fill('a banana for the host page');
  // Ctrl+Enter inside the element generates, as on the studio's own page.
  await studio.getByTestId('prompt').press('Control+Enter');
  const received = page.locator('#received img');
  await received.first().waitFor();
  const got = await received.first().evaluate((img) => new Promise((r) => {
    const done = () => r({ type: img.dataset.type, size: Number(img.dataset.size), width: img.naturalWidth, alt: img.alt, src: img.src });
    img.complete && img.naturalWidth ? done() : (img.onload = done);
  }));
  assert.equal(got.type, 'image/png');
  assert.ok(got.size > 100 && got.width > 0, JSON.stringify(got));
  assert.equal(got.alt, 'a banana for the host page', 'the event carries the prompt');
  assert.ok(got.src.startsWith('blob:'));
  const sent = [...provider.requests].reverse().find((q) => /generateContent/.test(q.path));
  assert.ok(sent.path.includes('gemini-3.1-flash-image'), sent.path);
  assert.equal(sent.json.contents.at(-1).parts.filter((p) => p.inlineData || p.inline_data).length, 1, 'the reference was sent');

  // A changed attribute changes the form.
  await studio.evaluate((el) => el.setAttribute('model', 'gemini-3.1-flash-lite-image'));
  await page.waitForFunction(() => document.querySelector('banana-studio').shadowRoot.querySelector('[data-testid=model]').value === 'gemini-3.1-flash-lite-image');

  // An error: shown in the element, and told to the host.
  await openSettings(studio);
  await studio.getByTestId('api-key').fill('scenario:http-401');
  await studio.getByTestId('generate').click();
  await page.locator('#host-error').filter({ hasText: 'invalid-key' }).waitFor();
  const shown = await studio.getByTestId('error').textContent();
  const told = await page.locator('#host-error').textContent();
  assert.ok(told.includes(shown.replace('×', '').trim().slice(0, 40)), `${told} vs ${shown}`);
  // Its language is its own: switching it marks the element's content, never the host's <html>.
  await openSettings(studio);
  await studio.getByTestId('language').selectOption('zh-CN');
  await page.waitForFunction(() => document.querySelector('banana-studio').shadowRoot.querySelector('.studio').lang === 'zh-CN');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('<banana-studio>: moved, it keeps its state; removed mid-generation, nothing of it runs on', async () => {
  const { page, problems } = await openHost('custom-element/index.html');
  const studio = page.locator('banana-studio');
  await studio.getByTestId('prompt').waitFor();
  await studio.getByTestId('prompt').fill('kept when moved');
  await page.evaluate(() => document.body.append(document.querySelector('banana-studio')));
  assert.equal(await studio.getByTestId('prompt').inputValue(), 'kept when moved');
  // A slow answer (3 s) is on its way when the host removes the element.
  await openSettings(studio);
  await studio.getByTestId('api-key').fill('scenario:slow');
  await studio.getByTestId('generate').click();
  await studio.getByTestId('cancel').waitFor();
  await page.evaluate(() => document.querySelector('banana-studio').remove());
  // Past the answer's arrival and many ticks of the studio's timers: a panic would surface here.
  await page.waitForTimeout(4000);
  assert.deepEqual(problems, [], 'nothing ran against the removed studio');
  assert.equal(await page.locator('#received img').count(), 0, 'the cancelled result was not delivered');
  // A new element on the same page works.
  await page.evaluate(() => {
    const el = document.createElement('banana-studio');
    el.addEventListener('generate', (e) => { window.gotAfterRemoval = e.detail.images.length; });
    document.body.prepend(el);
  });
  const again = page.locator('banana-studio');
  await again.getByTestId('prompt').waitFor();
  await openSettings(again);
  await again.getByTestId('api-key').fill('test-key');
  await again.getByTestId('prompt').fill('after a removal');
  await again.getByTestId('generate').click();
  await page.waitForFunction(() => window.gotAfterRemoval === 1);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('generate(): a host page with its own UI gets Blobs, and typed errors it can act on', async () => {
  const { page, problems } = await openHost('js-api/index.html');
  await page.locator('#key').fill('test-key');
  await page.locator('#prompt').fill('an API banana');
  await page.locator('#size').selectOption('2K');
  await page.locator('#refs').setInputFiles([{ name: 'a.png', mimeType: 'image/png', buffer: png(32, 32) }]);
  await page.locator('#go').click();
  const img = page.locator('#images img').first();
  await img.waitFor();
  const width = await img.evaluate((i) => new Promise((r) => (i.complete && i.naturalWidth ? r(i.naturalWidth) : (i.onload = () => r(i.naturalWidth)))));
  assert.equal(await img.getAttribute('data-type'), 'image/png');
  const sent = [...provider.requests].reverse().find((q) => /generateContent/.test(q.path));
  const gc = sent.json.generationConfig;
  assert.equal(gc.imageConfig.imageSize, '2K', 'the size the page asked for was sent');
  assert.equal(gc.imageConfig.aspectRatio, '16:9');
  assert.equal(width, 2048, 'a 2K 16:9 image came back (long edge 2048)');
  assert.match(await page.locator('#status').textContent(), /Done: 1 image\(s\), \d+ tokens/);

  // Typed errors.
  const call = (options) => page.evaluate(async ({ url, options }) => {
    const { generate, BananaStudioError } = await import(url);
    try { await generate(options); return null; } catch (e) {
      return { name: e.name, kind: e.kind, status: e.status, retryable: e.retryable, message: e.message, isError: e instanceof Error, isClass: e instanceof BananaStudioError };
    }
  }, { url: new URL('banana-studio.js', app.url).href, options });
  const base = { provider: 'custom', baseUrl: provider.url, prompt: 'p' };
  const unauthorised = await call({ ...base, apiKey: 'scenario:http-401' });
  assert.deepEqual({ ...unauthorised, message: undefined }, { name: 'BananaStudioError', kind: 'invalid-key', status: 401, retryable: false, message: undefined, isError: true, isClass: true });
  assert.ok(unauthorised.message.length > 20);
  const misspelt = await call({ ...base, apiKey: 'k', imagesize: '4K' });
  assert.equal(misspelt.kind, 'invalid-options');
  assert.match(misspelt.message, /imagesize/);
  const unsupported = await call({ ...base, apiKey: 'k', model: 'gemini-3.1-flash-lite-image', imageSize: '4K' });
  assert.ok(['unsupported-option', 'option-unavailable'].includes(unsupported.kind), JSON.stringify(unsupported));
  const limited = await call({ ...base, apiKey: 'scenario:http-429', retries: 0 });
  assert.deepEqual([limited.kind, limited.status, limited.retryable], ['rate-limited', 429, true]);
  // Two images on a native provider are two requests: both images come back, and the usage is their sum.
  const two = await page.evaluate(async ({ url, base }) => {
    const { generate } = await import(url);
    const r = await generate({ ...base, apiKey: 'k', count: 2 });
    return { n: r.images.length, types: r.images.map((b) => b.type), usage: r.usage };
  }, { url: new URL('banana-studio.js', app.url).href, base });
  assert.deepEqual([two.n, two.types], [2, ['image/png', 'image/png']]);
  assert.equal(two.usage.promptTokenCount, 72, 'two answers of 36 prompt tokens');
  assert.equal(two.usage.candidatesTokensDetails[0].tokenCount, 2580);
  // A cancelled call rejects with kind "cancelled", whatever reason the host aborts with; the next
  // call works.
  const cancel = (reason) => page.evaluate(async ({ url, base, reason }) => {
    const { generate } = await import(url);
    const c = new AbortController();
    const p = generate({ ...base, apiKey: 'scenario:slow', signal: c.signal });
    setTimeout(() => (reason === undefined ? c.abort() : c.abort(reason)), 200);
    try { await p; return null; } catch (e) { return e.kind; }
  }, { url: new URL('banana-studio.js', app.url).href, base, reason });
  assert.equal(await cancel(undefined), 'cancelled');
  assert.equal(await cancel('the user left'), 'cancelled');
  assert.equal((await call({ ...base, apiKey: 'scenario:http-401' })).kind, 'invalid-key', 'still working');
  // The key never ends up in a URL the provider saw.
  assert.ok(provider.requests.every((q) => !q.path.includes('test-key')));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('Rust API: a Leptos app with the Studio component (props, result callback) and the protocol core', async () => {
  const root = new URL('../examples/leptos-host/dist', import.meta.url).pathname;
  const leptosHost = await serveDist({ root });
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(leptosHost.url);
  // The protocol core, used directly by the host app: the request a prompt makes, never sent.
  const preview = page.getByTestId('request-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /^POST https:\/\/generativelanguage\.googleapis\.com\/v1beta\/models\/gemini-3\.1-flash-image:generateContent \(\d+ bytes\)$/);
  await page.getByLabel('Preview a request:').fill('');
  assert.match(await preview.textContent(), /Write a prompt first/);
  // The component, preset by its props.
  assert.equal(await page.getByTestId('provider').inputValue(), 'custom');
  assert.equal(await page.getByTestId('base-url').inputValue(), 'http://127.0.0.1:8788');
  await configure(page, { provider });
  await generate(page, 'inside a Leptos app');
  await page.getByTestId('result-image').first().waitFor();
  await page.getByTestId('host-log').getByText('1 image(s) for \u201cinside a Leptos app\u201d from gemini-3.1-flash-image').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
  await leptosHost.close();
});

test('generate(): when its part of the studio cannot be downloaded, a typed, retryable error; the next call works', async () => {
  const { page, problems } = await openHost('js-api/index.html');
  let failing = true;
  await page.context().route('**/split_js_api-*.wasm', (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  const call = () => page.evaluate(async ({ url, options }) => {
    const { generate } = await import(url);
    try { const r = await generate(options); return { images: r.images.length }; } catch (e) {
      return { name: e.name, kind: e.kind, status: e.status, retryable: e.retryable, message: e.message };
    }
  }, { url: new URL('banana-studio.js', app.url).href, options: { provider: 'custom', baseUrl: provider.url, apiKey: 'k', prompt: 'p' } });
  const failed = await call();
  assert.deepEqual([failed.name, failed.kind, failed.status, failed.retryable], ['BananaStudioError', 'not-loaded', null, true]);
  assert.match(failed.message, /could not be downloaded/);
  failing = false;
  assert.deepEqual(await call(), { images: 1 });
  assert.deepEqual(problems, []);
  await page.context().close();
});
