// The first load, side by side with the lightest React peer, in one run: what a visitor downloads before
// the prompt is usable, and how long that takes on loopback and on emulated phone networks (Chrome
// DevTools Protocol Network.emulateNetworkConditions; both builds served gzip-compressed, as static hosts
// serve them). "Usable" is the app's own mounted composer: the prompt textarea, drawn by the wasm
// module, with Generate working. Also: a Generate click made the moment the prompt is usable, until its
// request leaves (loopback), and the size of every chunk together.
//
//   scripts/bench.sh first-load                  (builds the release app first)
//   PEER_DIST=/path/to/peer/dist RUNS=7 node bench/first-load.mjs   (APP_DIST=… for another build)
//
// The peer is CookSleep/gpt_image_playground at 4e56f38, built with `npm ci && npm run build`; it is not
// part of this repository. Without PEER_DIST the peer's columns are left empty. Prints medians and
// ranges: this machine is noisy, never trust one run.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch } from '../e2e/harness.mjs';
import { startProvider } from '../e2e/provider.mjs';

const RUNS = Number(process.env.RUNS || 7);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// APP_DIST measures another build of the app (an older commit's, for a before/after).
const DIST = path.resolve(process.env.APP_DIST || path.join(ROOT, 'dist'));
const PEER = process.env.PEER_DIST;
const NETWORKS = {
  loopback: null,
  '4G (40 ms, 9 Mbit/s)': { latency: 40, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 },
  'slow 4G (150 ms, 1.6 Mbit/s)': { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
};
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png' };
const COMPRESSED = /\.(html|js|mjs|css|wasm|json|webmanifest|svg)$/;

/** A static host that gzips text and wasm on the way out, like GitHub Pages. */
async function serveGzip(root) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end(); }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
    let body = fs.readFileSync(file);
    if (COMPRESSED.test(file) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      if (!cache.has(file)) cache.set(file, zlib.gzipSync(body, { level: 6 }));
      body = cache.get(file);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;

/** Marks the moment the prompt textarea is in the page (the app is mounted and takes input). */
function usableProbe() {
  const t = (window.__load = {});
  new MutationObserver(() => {
    if (!t.usableAt && document.querySelector(window.__promptSelector || 'textarea')) t.usableAt = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

/** One cold load in a fresh profile, on `network` (null: loopback): the page and its usable moment. */
async function coldLoad(browser, url, network, selector, init) {
  const context = await browser.newContext();
  await context.addInitScript((s) => { window.__promptSelector = s; }, selector);
  await context.addInitScript(usableProbe);
  if (init) await context.addInitScript(init.fn, init.arg);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(selector).first().waitFor({ timeout: 60000 });
  const usableAt = await page.evaluate(() => window.__load.usableAt);
  return { page, context, usableAt };
}

/** The bytes a load transferred before `usableAt` (resource timing: transfer sizes and end times). */
async function bytesBeforeUsable(page, usableAt) {
  return page.evaluate((u) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= u);
    return { transfer: nav.transferSize + res.reduce((s, e) => s + e.transferSize, 0),
      body: nav.encodedBodySize + res.reduce((s, e) => s + e.encodedBodySize, 0),
      files: [nav.name, ...res.map((e) => e.name)].map((n) => n.split('/').pop() || 'index.html') };
  }, usableAt);
}

const sizes = (dir, names) => {
  const s = { raw: 0, gz: 0, br: 0 };
  for (const f of names) {
    const b = fs.readFileSync(path.join(dir, f));
    s.raw += b.length; s.gz += zlib.gzipSync(b, { level: 9 }).length; s.br += zlib.brotliCompressSync(b).length;
  }
  return s;
};
const walk = (d, base = d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(d, e.name), base) : [path.relative(base, path.join(d, e.name))]);

const provider = await startProvider();
const ours = await serveGzip(DIST);
const peer = PEER ? await serveGzip(path.resolve(PEER)) : null;
const browser = await launch();
const out = [];
const say = (line) => { out.push(line); console.log(line); };

try {
  // What loads before the prompt is usable, by file (one loopback load of each).
  say(`\nFirst load — ${new Date().toISOString().slice(0, 10)}, ${RUNS} runs per cell, medians (range)\n`);
  const loads = {};
  for (const [name, srv] of [['Banana Studio', ours], ['peer', peer]]) {
    if (!srv) continue;
    const r = await coldLoad(browser, srv.url, null, name === 'peer' ? 'textarea' : '[data-testid=prompt]');
    const b = await bytesBeforeUsable(r.page, r.usableAt);
    const dir = name === 'peer' ? path.resolve(PEER) : DIST;
    const local = b.files.map((f) => walk(dir).find((x) => x.endsWith(f))).filter(Boolean);
    loads[name] = { ...b, sizes: sizes(dir, [...new Set(local)]) };
    await r.context.close();
  }
  for (const [name, l] of Object.entries(loads)) {
    say(`bytes before usable, ${name}: ${kb(l.sizes.gz)} gzip-9 · ${kb(l.sizes.br)} brotli · ${kb(l.sizes.raw)} raw (${kb(l.transfer)} transferred, gzip-6 + headers)`);
    say(`  files: ${l.files.join(', ')}`);
  }
  const all = walk(DIST).filter((f) => f.endsWith('.wasm'));
  const allSizes = sizes(DIST, all);
  say(`all wasm (main + every chunk): ${kb(allSizes.gz)} gzip-9 · ${kb(allSizes.raw)} raw, ${all.length} files`);
  for (const f of all.sort()) say(`  ${f}: ${kb(sizes(DIST, [f]).gz)} gzip`);

  // Time to a usable prompt, both builds in the same run, alternating.
  say('');
  const table = [];
  for (const [net, conditions] of Object.entries(NETWORKS)) {
    const times = { ours: [], peer: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const [key, srv, sel] of [['ours', ours, '[data-testid=prompt]'], ['peer', peer, 'textarea']]) {
        if (!srv) continue;
        const r = await coldLoad(browser, srv.url, conditions, sel);
        times[key].push(r.usableAt);
        await r.context.close();
      }
    }
    const ratio = peer ? (median(times.ours) / median(times.peer)).toFixed(2) : '';
    table.push(`| ${net} | ${median(times.ours).toFixed(0)} ms (${range(times.ours)}) | ${peer ? `${median(times.peer).toFixed(0)} ms (${range(times.peer)})` : '—'} | ${ratio} |`);
  }
  say('| network | Banana Studio: usable prompt | peer | ratio |');
  say('|---|---|---|---|');
  for (const l of table) say(l);

  // A Generate click the moment the prompt is usable, until the request leaves (loopback, fresh
  // profile, the provider already chosen in an earlier visit).
  const settings = await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(ours.url);
    await page.getByTestId('open-settings').click();
    await page.getByTestId('provider').selectOption('custom');
    await page.getByTestId('base-url').fill(provider.url);
    await page.getByTestId('base-url').press('Tab');
    await page.waitForTimeout(300);
    const s = await page.evaluate(() => localStorage.getItem('banana-studio.settings'));
    await context.close();
    return s;
  })();
  const sent = [];
  for (let i = 0; i < RUNS; i++) {
    const init = { fn: ([s, key]) => {
      localStorage.setItem('banana-studio.settings', s);
      localStorage.setItem('banana-studio.api-key', key);
      localStorage.setItem('banana-studio.prompt', 'a banana, the moment the prompt is usable');
      const fetch0 = window.fetch;
      window.fetch = function (input, ...rest) {
        const url = String(input?.url ?? input);
        if (url.includes(':generateContent') && !window.__load.sentAt) window.__load.sentAt = performance.now();
        return fetch0.call(this, input, ...rest);
      };
      document.addEventListener('click', (e) => { if (e.target.closest?.('[data-testid=generate]') && !window.__load.clickAt) window.__load.clickAt = performance.now(); }, true);
    }, arg: [settings, 'bench-key'] };
    const r = await coldLoad(browser, ours.url, null, '[data-testid=generate]', init);
    await r.page.getByTestId('generate').click();
    await r.page.waitForFunction(() => window.__load.sentAt > 0, null, { timeout: 30000 });
    sent.push(await r.page.evaluate(() => window.__load.sentAt - window.__load.clickAt));
    await r.context.close();
  }
  say(`\nGenerate clicked when the prompt is usable → request sent (loopback): ${median(sent).toFixed(0)} ms (${range(sent)})`);
} finally {
  await browser.close();
  await ours.close();
  await peer?.close();
  await provider.close();
}
