// Installable and offline: after one visit the service worker has the app shell, so the studio starts
// with its host unreachable (and still generates through the provider); a new build is offered, and
// takes over cleanly when the user accepts: one reload, the new shell, old caches gone, the draft kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist, launch, configure, generate , openSettings} from './harness.mjs';
import { startProvider } from './provider.mjs';

const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
let provider, browser, next;
before(async () => {
  [provider, browser] = await Promise.all([startProvider(), launch()]);
  // "The next build": the same files with one visible change, so its worker has another version.
  next = fs.mkdtempSync(path.join(os.tmpdir(), 'banana-next-'));
  fs.cpSync(DIST, next, { recursive: true });
  const html = path.join(next, 'index.html');
  fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('<title>', '<meta name="build" content="next">\n  <title>'));
  const sw = path.join(next, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = 'next-$1'"));
});
after(async () => { await browser?.close(); await provider?.close(); fs.rmSync(next, { recursive: true, force: true }); });

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 20000 });

test('installable: a manifest with icons, and no installability errors', async () => {
  const app = await serveDist({ prefix: '/banana-studio/' });
  // A regular (not incognito) profile: Chrome does not offer installation in incognito windows.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'banana-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByTestId('prompt').waitFor();
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', app.url).href)).json();
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  await app.close();
});

test('starts offline after the first visit, and a new version takes over cleanly', async () => {
  let app = await serveDist({ prefix: '/banana-studio/' });
  const { port, url } = app;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.getByTestId('prompt').waitFor();
  await controlled(page);
  await configure(page, { provider });
  await page.getByTestId('prompt').fill('made while the host is down');

  // The host goes away entirely.
  await app.close();
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.getByTestId('prompt').inputValue(), 'made while the host is down', 'the draft came back');
  const fresh = await context.newPage();
  await fresh.goto(url);
  await fresh.getByTestId('prompt').waitFor({ timeout: 20000 });
  await fresh.close();
  // Chinese starts offline too: its texts (fetched on first use) were kept with the rest of the build.
  await page.evaluate(() => localStorage.setItem('banana-studio.language', 'zh-CN'));
  const chinese = await context.newPage();
  await chinese.goto(url);
  await chinese.getByTestId('prompt').waitFor({ timeout: 20000 });
  assert.equal((await chinese.getByTestId('generate').innerText()).trim(), '生成');
  await chinese.close();
  await page.evaluate(() => localStorage.removeItem('banana-studio.language'));
  // Offline from its host, the studio still reaches the provider (the key was not remembered).
  await openSettings(page);
  await page.getByTestId('api-key').fill('test-key');
  await generate(page, 'made while the host is down');
  await page.getByTestId('result-image').first().waitFor();

  // The next build is published at the same address.
  app = await serveDist({ prefix: '/banana-studio/', root: next, port });
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.locator('meta[name=build]').count(), 0, 'the old version runs until the user accepts');
  await page.getByTestId('update-ready').waitFor({ timeout: 20000 });
  await page.getByTestId('prompt').fill('kept across the update');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('apply-update').click()]);
  await page.getByTestId('prompt').waitFor();
  assert.equal(await page.locator('meta[name=build]').count(), 1, 'the new version is running');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'kept across the update');
  assert.equal(await page.getByTestId('update-ready').count(), 0, 'no update left to offer');
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1, `one cache left: ${caches}`);
  assert.match(caches[0], /^banana-studio-next-/);
  // The new version's cache holds every file of its build, the split module's chunks and loader too.
  const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.split('/').pop()), caches[0]);
  const built = fs.readdirSync(next).filter((f) => /\.(wasm|js)$/.test(f));
  assert.ok(built.some((f) => /^split_.*\.wasm$/.test(f)), 'the build is split');
  assert.deepEqual(built.filter((f) => f !== 'sw.js' && !cached.includes(f)), [], 'every chunk is cached');
  // The history is read from IndexedDB after the first paint: wait for it rather than count at once.
  await page.getByTestId('result-image').first().waitFor({ timeout: 20000 }).catch(() => {});
  assert.equal(await page.getByTestId('result-image').count() > 0, true, 'the history survived the update');
  assert.deepEqual(errors, []);
  await context.close();
  await app.close();
});
