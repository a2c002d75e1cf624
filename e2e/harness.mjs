// Shared set-up for the end-to-end tests: the release build served on loopback, the test provider,
// and Debian's Chromium driven by playwright-core.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startProvider } from './provider.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIST = path.join(ROOT, 'dist');
/** The embedding examples (`examples/`), served as another site would serve them. */
export const EXAMPLES = path.join(ROOT, 'examples');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json', '.webmanifest': 'application/manifest+json' };

/**
 * Serves `dist/` (built by `trunk build --release`) at `prefix` on a free loopback port, with CORS open
 * as GitHub Pages serves it (so other origins can embed it). `rewrite(rel, text)` may change a text file
 * on the way out.
 */
export async function serveDist({ prefix = '/', root = DIST, rewrite, port = 0 } = {}) {
  if (root !== EXAMPLES && !fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run \`trunk build --release\` first`);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); return res.end('outside the app'); }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end('not found'); }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', 'access-control-allow-origin': '*' };
    res.writeHead(200, headers);
    if (rewrite && /\.(html|js)$/.test(file)) return res.end(rewrite(rel, fs.readFileSync(file, 'utf8')));
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}${prefix}`, port: server.address().port, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

/** Launches Debian's Chromium (`ignoreDefaultArgs`: Playwright's launch flags to leave out). */
export async function launch({ args = [], ignoreDefaultArgs } = {}) {
  return chromium.launch({
    ignoreDefaultArgs,
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', ...args],
  });
}

/** Everything a test file needs, started once. */
export async function setup() {
  const [app, provider, browser] = await Promise.all([serveDist(), startProvider(), launch()]);
  return {
    app, provider, browser,
    async close() { await browser.close(); await provider.close(); await app.close(); },
  };
}

/** Opens the studio in a fresh profile and waits until the prompt takes input. */
export async function open(env) {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.consoleMessages = [];
  page.on('console', (m) => page.consoleMessages.push(m.text()));
  page.on('pageerror', (e) => page.consoleMessages.push(`pageerror: ${e.message}`));
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  return page;
}

/** Opens the settings panel (provider, key, retries, language, theme, prices) unless it is open. */
export async function openSettings(page) {
  const settings = page.getByTestId('settings');
  if (await settings.isHidden()) await page.getByTestId('open-settings').click();
  await page.getByTestId('provider').waitFor();
}

/** Opens the composer's other options (batch, thinking, drafts, search, system, long edge). */
export async function openMore(page) {
  if ((await page.getByTestId('more-options').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('more-options').click();
  await page.getByTestId('batch').waitFor();
}

/** Points the studio at the test provider (in the settings panel, left open). */
export async function configure(page, env, { preset = 'custom', key = 'test-key', model, dialect, auth, baseUrl } = {}) {
  await openSettings(page);
  await page.getByTestId('provider').selectOption(preset);
  if (dialect) await page.getByTestId('dialect').selectOption(dialect);
  if (auth) await page.getByTestId('auth').selectOption(auth);
  await page.getByTestId('base-url').fill(baseUrl ?? env.provider.url);
  await page.getByTestId('base-url').press('Tab');
  if (model) {
    await page.getByTestId('model').fill(model);
    await page.getByTestId('model').press('Tab');
  }
  await page.getByTestId('api-key').fill(key);
}

/** Notes every preview image the page shows, however briefly, in `window.__previews`. */
export async function watchPreviews(page) {
  await page.evaluate(() => {
    window.__previews = [];
    new MutationObserver(() => {
      const img = document.querySelector('[data-testid=preview] img');
      if (img && !window.__previews.includes(img.src)) window.__previews.push(img.src);
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
}

/** Picks `value` with one of the composer's chips (`model-chip`, `aspect-ratio`, `image-size`, `count`), as a
 * user does: opens its menu and clicks the option; waits until the chip shows it. */
export async function pick(page, testid, value) {
  const chip = page.getByTestId(testid);
  await chip.click();
  await page.getByTestId(`${testid}-menu`).locator(`[role=option][data-value="${value}"]`).click();
  await chip.and(page.locator(`[data-value="${value}"]`)).waitFor({ timeout: 5000 });
}

/** The value a composer chip shows (its `data-value`). */
export function chosen(page, testid) {
  return page.getByTestId(testid).getAttribute('data-value');
}

/** The values a composer chip's menu offers, in order. */
export async function offered(page, testid) {
  await page.getByTestId(`${testid}-menu`).waitFor({ state: 'attached' });
  return page.getByTestId(`${testid}-menu`).locator('[role=option]').evaluateAll((os) => os.map((o) => o.dataset.value));
}

/** Types a prompt and clicks Generate. */
export async function generate(page, prompt = 'a banana on the moon') {
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('generate').click();
}

/** The last request the provider saw on a generation path. */
export function lastGeneration(provider) {
  return [...provider.requests].reverse().find((r) => /generateContent|images\/generations/.test(r.path));
}

/**
 * Writes `n` history entries straight into the page's IndexedDB, as the studio stores them (entry JSON,
 * a PNG, a WebP thumbnail made in the page), oldest first; prompts are `seeded entry <i>`. The page must
 * have opened the studio once, so the database exists.
 */
export async function seedHistory(page, n, { width = 1024, height = 1024, withReferences = 0, varied = false } = {}) {
  await page.evaluate(async ({ n, width, height, withReferences, varied }) => {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#f5c518'; ctx.fillRect(0, 0, width, height);
    const image = await canvas.convertToBlob({ type: 'image/png' });
    const small = new OffscreenCanvas(256, Math.max(1, Math.round(256 * height / width)));
    small.getContext('2d').drawImage(canvas, 0, 0, small.width, small.height);
    const thumb = await small.convertToBlob({ type: 'image/webp', quality: 0.82 });
    // The studio creates its database after its first paint: wait for it (opening it first would make
    // an empty one).
    for (let i = 0; i < 200 && !(await indexedDB.databases()).some((d) => d.name === 'banana-studio' && d.version >= 3); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const db = await new Promise((r, e) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); q.onerror = e; });
    // `varied`: entries six hours apart, by turns of two models, three sizes, four ratios (the first
    // none asked), every fifth a favourite (see `variedSettings`).
    const step = varied ? 6 * 3600 * 1000 : 1000;
    const base = Date.now() - n * step;
    for (let start = 0; start < n; start += 100) {
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['entries', 'images', 'thumbs', 'parts'], 'readwrite');
        for (let i = start; i < Math.min(n, start + 100); i++) {
          const created = base + i * step;
          const id = `${String(created).padStart(16, '0')}-${(i & 0xffff).toString(16).padStart(4, '0')}`;
          // `withReferences: k`: every k-th entry has a reference of its own (and a word of its own, w<i>).
          const ref = withReferences && i % withReferences === 0;
          const entry = { id, created_ms: created, prompt: ref ? `seeded entry ${i} w${i}` : `seeded entry ${i}`, settings: { model: 'gemini-3.1-flash-image' },
            caption: '', usage: null, seconds: 1, mime: 'image/png', file_name: `seeded-${i}.png`, width, height };
          if (ref) {
            entry.references = [{ name: `ref-${i}.png`, mime: 'image/png', key: `ref-key-${i}` }];
            tx.objectStore('parts').put(thumb, `ref-key-${i}`);
          }
          if (varied) {
            entry.settings = {
              model: i % 2 ? 'gemini-3.1-flash-lite-image' : 'gemini-3.1-flash-image',
              image_size: ['1K', '2K', '4K'][i % 3],
              aspect_ratio: ['', '16:9', '1:1', '4:3'][i % 4],
            };
            if (i % 5 === 0) entry.favourite = true;
          }
          tx.objectStore('entries').put(JSON.stringify(entry), id);
          tx.objectStore('images').put(image, id);
          tx.objectStore('thumbs').put(thumb, id);
        }
        tx.oncomplete = resolve; tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
  }, { n, width, height, withReferences, varied });
}

/** What `seedHistory(…, { varied: true })` gave entry `i`. */
export function variedSettings(i) {
  return {
    model: i % 2 ? 'gemini-3.1-flash-lite-image' : 'gemini-3.1-flash-image',
    size: ['1K', '2K', '4K'][i % 3],
    ratio: ['', '16:9', '1:1', '4:3'][i % 4],
    favourite: i % 5 === 0,
  };
}

/** Resolves with an image element's natural width once it has loaded. */
export function naturalWidth(locator) {
  return locator.evaluate((i) => new Promise((r) => (i.complete && i.naturalWidth ? r(i.naturalWidth) : (i.onload = () => r(i.naturalWidth)))));
}

/** What one of the studio's IndexedDB stores holds: strings as they are, Blobs as `{ type, bytes }`. */
export function storeContents(page, store) {
  return page.evaluate(async (store) => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return Promise.all(all.map(async (v) => (v instanceof Blob ? { type: v.type, bytes: [...new Uint8Array(await v.arrayBuffer())] } : v)));
  }, store);
}

/** How many records one of the studio's IndexedDB stores holds. */
export function storeCount(page, store) {
  return page.evaluate(async (store) => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const n = await new Promise((r) => { const q = db.transaction(store).objectStore(store).count(); q.onsuccess = () => r(q.result); });
    db.close();
    return n;
  }, store);
}

/** Waits up to 10 s for a store to hold `n` records, and says how many it holds. */
export async function waitForStoreCount(page, store, n) {
  for (let i = 0; i < 100 && (await storeCount(page, store)) < n; i++) await page.waitForTimeout(100);
  return storeCount(page, store);
}

/** The byte sizes of the Blobs one of the studio's IndexedDB stores holds, smallest first. */
export function storeSizes(page, store) {
  return page.evaluate(async (store) => {
    const db = await new Promise((r) => { const q = indexedDB.open('banana-studio'); q.onsuccess = () => r(q.result); });
    const all = await new Promise((r) => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => r(q.result); });
    db.close();
    return all.filter((v) => v instanceof Blob).map((b) => b.size).sort((a, b) => a - b);
  }, store);
}

/** Width and height of an image (any format the browser decodes), decoded in the page. */
export function decodedSize(page, bytes) {
  return page.evaluate(async (b64) => {
    // From a Blob made here: the page's CSP lets it fetch nothing but the app and providers.
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    return [bitmap.width, bitmap.height];
  }, Buffer.from(bytes).toString('base64'));
}

/**
 * The chunk files of the split build that the studio's own page loads (the splits other than the JS
 * API's, and the shared chunks they use), read from the build's chunk loader, whose comment before each
 * shared chunk names the splits that use it.
 */
export function studioChunks(dist = DIST) {
  const loader = fs.readdirSync(dist).find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  const js = fs.readFileSync(path.join(dist, loader), 'utf8');
  const files = new Set();
  for (const [, users, file] of js.matchAll(/\/\* ([\w, ]+) \*\/\s*const __chunk_\d+ = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    if (users.split(', ').some((u) => u !== 'js_api')) files.add(file);
  }
  for (const [, file] of js.matchAll(/"\.\/(split_(?!js_api)[^"]+\.wasm)"/g)) files.add(file);
  return [...files].sort();
}

/** The actions that live in a tile's "more" menu (the others are on its bar). */
const MENU_ACTIONS = new Set(['copy-image', 'add-to-collection', 'annotate', 'before-after', 'raw-answer', 'expand', 'reuse-settings', 'open', 'select-result', 'remove-result']);

/**
 * A tile's action, as a user reaches it: hover the tile (its bar shows), and open its "more" menu when
 * the action lives there. `card` defaults to the first tile. Returns the action's locator.
 */
export async function tileAction(page, testid, card = page.getByTestId('result-card').first()) {
  await card.hover();
  if (MENU_ACTIONS.has(testid)) {
    const more = card.getByTestId('result-menu');
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  return card.getByTestId(testid);
}

/** Opens a tile's details in the lightbox (`card` defaults to the first tile); returns the lightbox. */
export async function details(page, card = page.getByTestId('result-card').first()) {
  await card.getByTestId('open-lightbox').click();
  const box = page.getByTestId('lightbox');
  await box.waitFor();
  return box;
}

/** Closes the lightbox. */
export async function closeDetails(page) {
  await page.getByTestId('lightbox-close').click();
  await page.getByTestId('lightbox').waitFor({ state: 'detached' });
}

/** Opens the stage toolbar's menu (export, import, the storage figures). */
export async function historyMenu(page) {
  const more = page.getByTestId('history-menu');
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}
