// The split build: the first screen comes from the main module alone, the rest is fetched at idle with
// content-hashed names and SRI, a click that comes before its chunk still works (and says it is
// loading), a chunk that cannot be downloaded is told with a retry and loses nothing, and a tampered
// chunk is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, configure, lastGeneration, studioChunks, serveDist } from './harness.mjs';

const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const files = fs.readdirSync(DIST);
const chunks = files.filter((f) => /^(chunk|split)_.*\.wasm$/.test(f));
const mainWasm = files.find((f) => /^banana-studio-[0-9a-f]{1,16}_bg\.wasm$/.test(f));
const generateChunk = chunks.find((f) => f.startsWith('split_work'));
// What the studio's page loads: every chunk but those only the JS API (generate()) needs.
const pageChunks = studioChunks();
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** A fresh profile that records every wasm request with the time it was made. */
async function openRecorded({ route, before } = {}) {
  const context = await env.browser.newContext();
  if (before) await before(context);
  const requested = [];
  // What the page asks for (the service worker's own caching is not the page's loading).
  context.on('request', (r) => { if (r.url().endsWith('.wasm') && !r.serviceWorker()) requested.push({ file: r.url().split('/').pop(), at: Date.now() }); });
  // A request still held or fetched when the test closes its context ends with it, not as an error.
  if (route) {
    await context.route('**/*.wasm', async (r) => {
      try { await route(r); } catch (e) { if (!/closed|disposed/i.test(e.message)) throw e; }
    });
  }
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.addInitScript(() => {
    // The moment the composer is mounted (the prompt is in the page), on the page's clock.
    new MutationObserver(() => {
      if (!window.__usableAt && document.querySelector('[data-testid=prompt]')) window.__usableAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.app.url);
  await page.getByTestId('prompt').waitFor();
  return { context, page, requested };
}

test('the build is split: hashed chunk names, every chunk fetched with its SRI hash, no placeholder import', () => {
  assert.ok(mainWasm, 'the main module is in dist');
  assert.ok(chunks.length >= 3, `chunks in dist: ${chunks}`);
  for (const c of chunks) assert.match(c, /-[0-9a-f]{16}\.wasm$/, `${c} has a content hash in its name`);
  assert.ok(generateChunk, 'generating (with the history) is a chunk of its own');
  const loader = files.find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  assert.ok(loader, 'the chunk loader has a hashed name');
  const loaderJs = fs.readFileSync(path.join(DIST, loader), 'utf8');
  for (const c of chunks) assert.match(loaderJs, new RegExp(`"\\./${c.replace('.', '\\.')}", import\\.meta\\.url\\), \\{ integrity: "sha384-`), `${c} is fetched with its hash`);
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.match(html, new RegExp(`<link rel="modulepreload" href="\\./${loader.replace('.', '\\.')}"[^>]*integrity="sha384-`));
  for (const f of files.filter((f) => /\.(js|wasm)$/.test(f))) {
    assert.ok(!fs.readFileSync(path.join(DIST, f)).includes('__wasm_split_placeholder__'), `${f} imports no placeholder`);
  }
  // The service worker keeps every chunk, so the studio starts offline whole.
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  for (const c of [...chunks, loader]) assert.ok(sw.includes(`"${c}"`), `sw.js caches ${c}`);
});

test('the first screen needs only the main module; the chunks follow at idle, and everything then works at once', async () => {
  // Every chunk is held back until the prompt is usable: the first screen needs none of them.
  let release;
  const held = new Promise((r) => { release = r; });
  const { context, page, requested } = await openRecorded({
    route: async (route) => {
      if (!route.request().url().includes(mainWasm)) await held;
      await route.continue();
    },
  });
  await page.getByTestId('prompt').fill('typed before any chunk arrived');
  assert.equal(await page.getByTestId('generate').isEnabled(), true);
  const arrived = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.wasm') && e.responseEnd > 0 && e.responseEnd < window.__usableAt).map((e) => e.name.split('/').pop()));
  assert.deepEqual(arrived, [mainWasm], 'only the main module had arrived when the prompt was usable');
  release();
  // Without any click, every chunk the page uses arrives.
  const deadline = Date.now() + 15000;
  assert.ok(pageChunks.length >= 3 && pageChunks.length < chunks.length, `the page's chunks: ${pageChunks}`);
  while (pageChunks.some((c) => !requested.some((r) => r.file === c)) && Date.now() < deadline) await page.waitForTimeout(100);
  assert.deepEqual(pageChunks.filter((c) => !requested.some((r) => r.file === c)), [], 'every chunk was fetched without a click');
  assert.ok(!requested.some((r) => r.file.startsWith('split_js_api')), 'the JS API is not the page\'s to load');
  // Generating, the provider panel, costs, history all work.
  await configure(page, env);
  assert.equal(await page.getByTestId('prompt').inputValue(), 'typed before any chunk arrived');
  await page.getByTestId('prompt').fill('split build');
  await page.getByTestId('generate').click();
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(lastGeneration(env.provider).json.contents.at(-1).parts[0].text, 'split build');
  assert.equal(await page.getByTestId('loading-part').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a Generate click before its chunk arrives says it is loading, then generates', async () => {
  let release;
  const held = new Promise((r) => { release = r; });
  const { context, page } = await openRecorded({
    route: async (route) => {
      if (route.request().url().includes('split_work')) await held;
      await route.continue();
    },
  });
  await configure(page, env);
  await page.getByTestId('prompt').fill('clicked early');
  await page.getByTestId('generate').click();
  await page.getByTestId('loading-part').waitFor();
  assert.equal(await page.getByTestId('result-image').count(), 0);
  release();
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(lastGeneration(env.provider).json.contents.at(-1).parts[0].text, 'clicked early');
  assert.equal(await page.getByTestId('loading-part').count(), 0);
  await context.close();
});

test('a chunk that cannot be downloaded is told, nothing is lost, and a later click works', async () => {
  let failing = true;
  const { context, page } = await openRecorded({
    route: async (route) => {
      if (failing && route.request().url().includes('split_work')) return route.abort('internetdisconnected');
      await route.continue();
    },
  });
  await configure(page, env);
  await page.getByTestId('prompt').fill('kept through a failed download');
  await page.getByTestId('generate').click();
  const alert = page.getByTestId('error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-kind'), 'chunk');
  assert.match(await alert.textContent(), /could not be downloaded.*connection/);
  assert.equal(await page.getByTestId('prompt').inputValue(), 'kept through a failed download');
  // The results area, in the same chunk, is missing too: one notice says so, with one button.
  await page.getByTestId('chunk-failed').waitFor();
  assert.equal(await page.getByTestId('chunk-failed').count(), 1);
  assert.equal(await page.getByTestId('history-search').count(), 0);
  failing = false;
  await page.getByTestId('chunk-retry').click();
  // Tried again, the missing parts come back and the notice goes.
  await page.getByTestId('history-search').waitFor();
  await page.getByTestId('chunk-failed').waitFor({ state: 'detached' });
  await page.getByTestId('generate').click();
  await page.getByTestId('result-image').first().waitFor();
  assert.equal(await page.getByTestId('prompt').inputValue(), 'kept through a failed download');

  // A view's chunk that arrives with an action (not the button) brings the view back by itself.
  failing = true;
  const again = await openRecorded({
    route: async (route) => {
      if (failing && route.request().url().includes('split_work')) return route.abort('internetdisconnected');
      await route.continue();
    },
  });
  await configure(again.page, env);
  await again.page.getByTestId('chunk-failed').waitFor();
  failing = false;
  await again.page.getByTestId('prompt').fill('brought back by an action');
  await again.page.getByTestId('generate').click();
  await again.page.getByTestId('result-image').first().waitFor();
  assert.equal(await again.page.getByTestId('chunk-failed').count(), 0);
  await again.context.close();
  await context.close();
});

/** Every word the page shows or names: its text, titles, labels and placeholders. */
const words = (page) => page.evaluate(() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (el.hasAttribute(a)) out.push(`${el.dataset.testid ?? el.tagName} ${a}: ${el.getAttribute(a)}`);
  }
  return out.join('\n');
});

test('the later screens\' English comes before the first chunk runs: the first screen has every word without it; refused, nothing is lost; allowed again, all works', async () => {
  const english = files.find((f) => /^en-[0-9a-f]{8}\.json$/.test(f));
  assert.ok(english, 'the English table is beside the app');
  const table = JSON.parse(fs.readFileSync(path.join(DIST, english), 'utf8'));
  assert.ok(table.length > 400 && table.every((t) => typeof t === 'string' && t.length > 0), 'every English text');
  // The first screen alone (no chunk), with and without the English table: the same words.
  const onlyMain = async (route) => {
    if (!route.request().url().includes(mainWasm)) return route.abort('internetdisconnected');
    await route.continue();
  };
  let refuse = true;
  const block = (context) => context.route(/\/en-[0-9a-f]{8}\.json$/, (r) => (refuse ? r.abort('internetdisconnected') : r.continue()));
  const withTable = await openRecorded({ route: onlyMain });
  await withTable.page.getByTestId('chunk-failed').waitFor();
  await withTable.page.waitForTimeout(1000);
  const without = await openRecorded({ route: onlyMain, before: block });
  await without.page.getByTestId('chunk-failed').waitFor();
  await without.page.waitForTimeout(1000);
  assert.equal(await words(without.page), await words(withTable.page), 'no word of the first screen waits for the table');
  await withTable.context.close();
  await without.context.close();

  // Chunks allowed, the table refused: the later views are missing parts, a click says so, nothing is lost.
  const { context, page } = await openRecorded({ before: block });
  await page.getByTestId('chunk-failed').waitFor();
  await page.getByTestId('prompt').fill('kept while the words are missing');
  await page.getByTestId('generate').click();
  const alert = page.getByTestId('error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-kind'), 'chunk');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'kept while the words are missing');
  // Allowed again: the views come with their words, and generating works.
  refuse = false;
  await page.getByTestId('chunk-retry').click();
  await page.getByTestId('history-search').waitFor();
  assert.ok((await page.getByTestId('history-search').getAttribute('placeholder')).length > 3, 'the search field has its words');
  await configure(page, env);
  await page.getByTestId('generate').click();
  await page.getByTestId('result-image').first().waitFor();
  await context.close();
});

test('a chunk whose bytes do not match its hash is refused', async () => {
  const { context, page } = await openRecorded({
    route: async (route) => {
      if (!route.request().url().includes('split_work')) return route.continue();
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length - 1] ^= 0xff;
      await route.fulfill({ response, body });
    },
  });
  await configure(page, env);
  await page.getByTestId('prompt').fill('tampered');
  await page.getByTestId('generate').click();
  await page.getByTestId('error').waitFor();
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'chunk');
  assert.equal(env.provider.requests.filter((r) => r.json?.contents?.at(-1)?.parts?.[0]?.text === 'tampered').length, 0);
  await context.close();
});

test('the development build (trunk serve) is split as well, and generates', async () => {
  const root = path.resolve(DIST, '..', 'target', 'dist-debug');
  assert.ok(fs.existsSync(path.join(root, 'index.html')), 'scripts/test.sh builds it: trunk build --dist target/dist-debug');
  assert.ok(fs.readdirSync(root).some((f) => /^split_work-[0-9a-f]{16}\.wasm$/.test(f)), 'the debug build has its chunks');
  const app = await serveDist({ root });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(app.url);
    await page.getByTestId('prompt').waitFor();
    await configure(page, env);
    await page.getByTestId('prompt').fill('from the development build');
    await page.getByTestId('generate').click();
    await page.getByTestId('result-image').first().waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await app.close();
  }
});
