// The built page under its Content-Security-Policy, and where the key may go.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setup, open, configure, generate, storeContents, openSettings, openMore, historyMenu } from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Records every CSP violation the page reports, from its first script on. */
function watchViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

test('the built page runs its whole flow under a strict CSP with no violation', async () => {
  const html = await readFile(new URL('../dist/index.html', import.meta.url), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(policy, 'the built page carries a policy');
  const script = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.match(script, /'wasm-unsafe-eval'/);
  assert.doesNotMatch(script, /'unsafe-inline'|'unsafe-eval'|\*/);
  assert.match(policy, /img-src 'self' blob:;/);

  const context = await env.browser.newContext({ acceptDownloads: true });
  await context.addInitScript(watchViolations);
  const page = await context.newPage();
  const consoleCsp = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(m.text()); });
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  await configure(page, env, { preset: 'google' });
  // A reference shrunk in the worker, a streamed answer with a draft, results, a thumbnail, compare,
  // an export, and a reload into the gallery.
  await openMore(page);
  await page.getByTestId('ref-long-edge').selectOption('1024');
  await page.getByTestId('ref-input').setInputFiles([{ name: 'wide.png', mimeType: 'image/png', buffer: png(1600, 900) }]);
  await page.getByTestId('ref-note').waitFor();
  await openMore(page);
  await page.getByTestId('include-thoughts').check();
  await generate(page, 'a first one, with drafts');
  await page.getByTestId('result-image').first().waitFor();
  await openMore(page);
  await page.getByTestId('include-thoughts').uncheck();
  await generate(page, 'a second one');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  await page.getByTestId('select-mode').click();
  for (const frame of await page.getByTestId('open-lightbox').all()) await frame.click();
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-view').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('compare-view').waitFor({ state: 'detached' });
  await page.waitForTimeout(2000); // thumbnails are made 1.5 s after the images show
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-selected').click()]);
  await download.path();
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 2);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=result-image]')].every((i) => i.complete && i.naturalWidth > 0));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(consoleCsp, []);
  await context.close();
});

test('the key goes to the chosen provider only: never to another request, the URL, storage, history, exports or the console', async () => {
  const KEY = 'sk-live-watch-4f9c2a';
  env.provider.reset();
  const page = await open(env);
  const seen = [];
  // A request still starting when the page closes (a chunk prefetched at idle) has no headers to read.
  page.on('request', (r) => r.allHeaders().then((headers) => seen.push({ url: r.url(), headers, body: r.postData() ?? '' }), () => {}));
  const provider = new URL(env.provider.url).origin;
  const has = (x) => String(x).includes(KEY);

  // A session: Google's header, a relay's query parameter, a task relay's bearer token with hosted
  // images downloaded, references, history, an export and a reload.
  await configure(page, env, { preset: 'google', key: KEY });
  await page.getByTestId('ref-input').setInputFiles([{ name: 'ref.png', mimeType: 'image/png', buffer: png(32, 32) }]);
  await page.getByTestId('ref-thumb').waitFor();
  await generate(page, 'header key');
  await page.getByTestId('result-image').first().waitFor();
  await configure(page, env, { preset: 'anyfast', key: KEY });
  await generate(page, 'query key');
  await page.getByTestId('result-image').nth(1).waitFor();
  await configure(page, env, { preset: 'gccai', key: KEY });
  await generate(page, 'bearer key');
  await page.getByTestId('result-image').nth(2).waitFor({ timeout: 30000 });
  await page.waitForTimeout(2000);
  const [download] = await Promise.all([page.waitForEvent('download'), (await historyMenu(page), page.getByTestId('export')).click()]);
  const zip = await readFile(await download.path());
  assert.ok(!zip.includes(KEY), 'not in the export');
  assert.ok(!has(page.url()), 'not in the page URL');
  for (const entry of await storeContents(page, 'entries')) assert.ok(!has(entry), 'not in the history');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!has(stored), 'not stored unless remembered');
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.getByTestId('api-key').inputValue(), '', 'gone after a reload when not remembered');

  // Every request the page made: the key only in the provider's generation and task requests, in the
  // place the preset puts it.
  const generation = /\/v1beta\/models\/[^/]+:(generateContent|streamGenerateContent)$|\/v1\/images\/generations$|\/v1\/tasks\//;
  let carried = 0;
  for (const r of seen) {
    const url = new URL(r.url);
    const allowed = url.origin === provider && generation.test(url.pathname);
    const where = [has(r.url) && 'url', Object.values(r.headers).some(has) && 'headers', has(r.body) && 'body'].filter(Boolean);
    if (!allowed) assert.deepEqual(where, [], `${r.url} must not carry the key`);
    else if (where.length) {
      carried += 1;
      assert.equal(where.length, 1, `${r.url}: the key in one place only`);
      assert.ok(!has(r.body), `${r.url}: never in the body`);
    }
  }
  assert.ok(carried >= 3, 'the provider got it');
  assert.ok(seen.some((r) => r.url.includes('/files/')), 'hosted images were downloaded (without the key)');
  assert.ok(!page.consoleMessages.some(has), 'not in the console');

  // Remembered on purpose, then forgotten everywhere.
  await openSettings(page);
  await page.getByTestId('api-key').fill(KEY);
  await page.getByTestId('remember-key').check();
  await page.waitForFunction((k) => JSON.stringify({ ...localStorage }).includes(k), KEY);
  assert.match(await page.getByTestId('remember-risk').innerText(), /unencrypted.*anyone using this browser profile/s);
  await openSettings(page);
  await page.getByTestId('forget-key').click();
  assert.equal(await page.getByTestId('api-key').inputValue(), '');
  assert.equal(await page.getByTestId('remember-key').isChecked(), false);
  assert.ok(!has(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))));
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.getByTestId('api-key').inputValue(), '');
  await page.context().close();
});
