// What users feel, measured on the release build in headless Chromium against the loopback test
// provider, side by side with the plain-JavaScript way popular clients do the same job. Prints a table;
// the figures go into docs/benchmarks.md by hand, with the date and the machine.
//
//   1. download size of every file of the build (raw, gzip, brotli; what loads at start: first-load.mjs)
//   2. navigation to a usable prompt, cold cache
//   3. response to pixels for 1K, 2K and 4K answers (photo-sized PNGs), with the longest main-thread task
//   4. request building with 14 references of about 4 MB; shrinking a large reference
//   5. JS heap and live blob: URLs after 50 generations of 2K images, and after clearing them
//
// Run: scripts/bench.sh app   (builds the release app first); ONLY=memory node bench/app.mjs for one part
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, configure, generate, pick, tileAction } from '../e2e/harness.mjs';
import { startProvider } from '../e2e/provider.mjs';
import { png } from '../e2e/png.mjs';
import { longestTasks4K } from './raw-cdp.mjs';

const RUNS = Number(process.env.RUNS || 5);
// ONLY=size,start,pixels,stream,refs,shrink,memory runs those parts alone.
const want = (part) => !process.env.ONLY || process.env.ONLY.split(',').includes(part);
const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => `${x.toFixed(0)} ms`;
const kb = (x) => `${(x / 1000).toFixed(1)} KB`;
const rows = [];
const row = (what, ours, reference = '', ratio = '', budget = '') => rows.push({ what, ours, reference, ratio, budget });

/** Installed in every page before the app: timestamps the moments the benchmark needs. */
function probes() {
  const t = (window.__t = { longTasks: [], live: new Set() });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) t.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  const create = URL.createObjectURL, revoke = URL.revokeObjectURL;
  URL.createObjectURL = (b) => { const u = create(b); t.live.add(u); return u; };
  URL.revokeObjectURL = (u) => { t.live.delete(u); revoke(u); };
  const fetch0 = window.fetch;
  window.fetch = function (...a) { t.fetchAt = performance.now(); return fetch0.apply(this, a); };
  document.addEventListener('change', () => { t.changeAt = performance.now(); }, true);
  document.addEventListener('click', (e) => { if (e.target.closest?.('[data-testid=generate]')) t.clickAt = performance.now(); }, true);
  new MutationObserver(() => {
    if (!t.formAt && document.querySelector('[data-testid=prompt]')) t.formAt = performance.now();
    if (!t.refsAt && document.querySelectorAll('[data-testid=ref-thumb]').length === 14) t.refsAt = performance.now();
    if (!t.shrunkAt && document.querySelector('[data-testid=ref-note]')) { t.shrunkAt = performance.now(); t.note = document.querySelector('[data-testid=ref-note]').textContent; }
    if (!t.previewAt && document.querySelector('[data-testid=preview] img')) t.previewAt = performance.now();
    for (const img of document.querySelectorAll('img[data-testid=result-image]:not([data-seen])')) {
      img.dataset.seen = '1';
      img.decode().then(() => requestAnimationFrame(() => { t.pixelsAt = performance.now(); }), () => {});
    }
  }).observe(document, { childList: true, subtree: true });
}

/** The longest main-thread task overlapping [from, to]. */
const longest = (tasks, from, to) => Math.max(0, ...tasks.filter(([s, d]) => s + d >= from && s <= to).map(([, d]) => d));

const provider = await startProvider();
const app = await serveDist();
const browser = await launch({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
const newPage = async () => {
  const context = await browser.newContext();
  await context.addInitScript(probes);
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByTestId('prompt').waitFor();
  return page;
};

try {
  // 1. What a visitor downloads.
  if (want('size')) {
  const files = fs.readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  const total = { raw: 0, gz: 0, br: 0 };
  for (const kind of ['wasm', 'js', 'css', 'html']) {
    const sum = { raw: 0, gz: 0, br: 0 };
    for (const f of files.filter((f) => f.endsWith(`.${kind}`))) {
      const b = fs.readFileSync(path.join(DIST, f));
      sum.raw += b.length;
      sum.gz += zlib.gzipSync(b, { level: 9 }).length;
      sum.br += zlib.brotliCompressSync(b).length;
    }
    for (const k of Object.keys(total)) total[k] += sum[k];
    row(`download: ${kind}`, `${kb(sum.raw)} raw · ${kb(sum.gz)} gzip · ${kb(sum.br)} br`);
  }
  // Every file of the (split) build; what loads before the prompt is usable is bench/first-load.mjs's.
  row('download: every file of the build', `${kb(total.raw)} raw · ${kb(total.gz)} gzip · ${kb(total.br)} br`, 'at start: scripts/bench.sh first-load');
  }

  // 2. Navigation to a usable prompt, cold cache (a fresh profile each run).
  if (want('start')) {
  const usable = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const context = await browser.newContext();
    await context.addInitScript(probes);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('prompt').fill('typing works');
    usable.push(await page.evaluate(() => window.__t.formAt));
    await context.close();
  }
  row('navigation → usable prompt (cold)', ms(median(usable)), '450 ms (React peer)', (median(usable) / 450).toFixed(2), median(usable) <= 300 ? 'met (≤ 300 ms)' : 'NOT met (≤ 300 ms)');
  }

  // 3. Response to pixels, ours and the plain-JS reference in the same page.
  if (want('pixels')) {
  provider.setScenario('photo');
  for (const size of ['1K', '2K', '4K']) {
    const page = await newPage();
    await configure(page, { provider }, { preset: 'google', key: 'bench-key' });
    await pick(page, 'image-size', size);
    const ours = [], ref = [], oursTask = [], refTask = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      await page.evaluate(() => { window.__t.pixelsAt = 0; });
      await generate(page, `bench ${size} ${run}`);
      await page.waitForFunction(() => window.__t.pixelsAt > 0, null, { timeout: 120000 });
      const r = await page.evaluate(() => {
        const e = performance.getEntriesByType('resource').filter((x) => x.name.includes(':generateContent')).at(-1);
        return { end: e.responseEnd, pixels: window.__t.pixelsAt, tasks: window.__t.longTasks };
      });
      ours.push(r.pixels - r.end);
      oursTask.push(longest(r.tasks, r.end, r.pixels));
      await (await tileAction(page, 'remove-result')).click();
      // Let background work (saving, the thumbnail) finish, so neither side pays for the other.
      await page.waitForTimeout(2500);
      // The reference: response.json(), atob into a Uint8Array, new Blob, URL.createObjectURL.
      const sent = provider.requests.filter((x) => x.path.endsWith(':generateContent')).at(-1);
      bytes = JSON.stringify(sent.response).length;
      const j = await page.evaluate(async ({ url, body }) => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' }, body });
        const json = await res.json();
        const part = json.candidates[0].content.parts.find((p) => p.inlineData);
        const bin = atob(part.inlineData.data);
        const arr = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) arr[i] = bin.charCodeAt(i);
        const blob = new Blob([arr], { type: part.inlineData.mimeType });
        const img = new Image();
        img.src = URL.createObjectURL(blob);
        document.body.append(img);
        await img.decode();
        const pixels = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
        const e = performance.getEntriesByType('resource').filter((x) => x.name === url).at(-1);
        img.remove();
        URL.revokeObjectURL(img.src);
        return { end: e.responseEnd, pixels, tasks: window.__t.longTasks };
      }, { url: `${provider.url}${sent.path}`, body: sent.body });
      ref.push(j.pixels - j.end);
      refTask.push(longest(j.tasks, j.end, j.pixels));
      await page.waitForTimeout(500);
    }
    const ratio = median(ours) / median(ref);
    row(`response → pixels, ${size} (${(bytes / 1e6).toFixed(1)} MB JSON)`, `${ms(median(ours))} · longest task ${ms(median(oursTask))}`,
      `${ms(median(ref))} · longest task ${ms(median(refTask))}`, ratio.toFixed(2),
      size === '4K' ? `${ratio <= 1 ? 'met' : 'NOT met'} (ratio ≤ 1.0); ${median(oursTask) <= 50 ? 'met' : 'NOT met'} (no task > 50 ms)` : '');
    await page.context().close();
  }
  provider.setScenario(null);
  // The same 4K answers without DevTools' network agent, which Playwright cannot turn off.
  const bare = await longestTasks4K({ appUrl: app.url, provider, runs: RUNS });
  const watched = await longestTasks4K({ appUrl: app.url, provider, runs: RUNS, network: true });
  row('4K, longest task: raw CDP without / with the Network domain', `${ms(median(bare))} (max ${ms(Math.max(...bare))}) / ${ms(median(watched))} (max ${ms(Math.max(...watched))})`, '', '',
    `${Math.max(...bare) <= 50 ? 'met' : 'NOT met'} (no task > 50 ms for visitors)`);
  }

  // 3b. Streaming with drafts: from the click to the first preview, and to the final image.
  if (want('stream')) {
    const page = await newPage();
    await configure(page, { provider }, { preset: 'google', key: 'bench-key' });
    await pick(page, 'image-size', '2K');
    await page.getByTestId('include-thoughts').check();
    const preview = [], final = [];
    for (let run = 0; run < RUNS; run++) {
      await page.evaluate(() => { window.__t.previewAt = 0; window.__t.pixelsAt = 0; });
      await generate(page, `streamed ${run}`);
      await page.waitForFunction(() => window.__t.pixelsAt > 0, null, { timeout: 120000 });
      const t = await page.evaluate(() => window.__t);
      preview.push(t.previewAt - t.clickAt);
      final.push(t.pixelsAt - t.clickAt);
      await (await tileAction(page, 'remove-result')).click();
      await page.waitForTimeout(2000);
    }
    row('streamed 2K with drafts: click → first preview / final image', `${ms(median(preview))} / ${ms(median(final))}`);
    await page.context().close();
  }

  // 4. Request building: 14 references of about 4 MB, from the files to the body handed to fetch.
  if (want('refs')) {
    const refs = Array.from({ length: 14 }, (_, i) => ({ name: `ref-${i + 1}.png`, mimeType: 'image/png', buffer: png(2400, 2400, [20 * i, 100, 200 - 10 * i], [200, 60 + 5 * i, 30], { grain: 1 }) }));
    const mb = refs.reduce((s, r) => s + r.buffer.length, 0) / 1e6;
    const ours = [], ref = [];
    for (let run = 0; run < Math.max(3, RUNS - 2); run++) {
      const page = await newPage();
      await configure(page, { provider }, { preset: 'google', key: 'bench-key' });
      provider.setScenario('slow', { delay: 60000 });
      await page.getByTestId('ref-input').setInputFiles(refs);
      await page.waitForFunction(() => window.__t.refsAt > 0, null, { timeout: 120000 });
      await generate(page, 'bench references');
      await page.waitForFunction(() => window.__t.fetchAt > window.__t.clickAt, null, { timeout: 120000 });
      const t = await page.evaluate(() => window.__t);
      ours.push(t.refsAt - t.changeAt + (t.fetchAt - t.clickAt));
      await page.getByTestId('cancel').click();
      provider.setScenario(null);
      // The reference: FileReader.readAsDataURL for each file, then JSON.stringify of the body.
      await page.evaluate(() => { const i = document.createElement('input'); i.type = 'file'; i.multiple = true; i.id = 'bench-files'; document.body.append(i); });
      await page.setInputFiles('#bench-files', refs);
      ref.push(await page.evaluate(async () => {
        const files = [...document.getElementById('bench-files').files];
        const start = performance.now();
        const urls = await Promise.all(files.map((f) => new Promise((r) => { const fr = new FileReader(); fr.onload = () => r(fr.result); fr.readAsDataURL(f); })));
        const parts = [{ text: 'bench references' }, ...urls.map((u, i) => ({ inlineData: { mimeType: files[i].type, data: u.slice(u.indexOf(',') + 1) } }))];
        const body = JSON.stringify({ contents: [{ role: 'user', parts }], generationConfig: { responseModalities: ['TEXT', 'IMAGE'] } });
        const end = performance.now();
        return body.length > 0 ? end - start : NaN;
      }));
      await page.context().close();
    }
    const ratio = median(ours) / median(ref);
    row(`request building, 14 references (${mb.toFixed(0)} MB)`, ms(median(ours)), ms(median(ref)), ratio.toFixed(2), `${ratio <= 1 ? 'met' : 'NOT met'} (ratio ≤ 1.0)`);
  }

  // 4b. Shrinking a reference in the browser: from the file picked to the shrunk copy on the form.
  if (want('shrink')) {
    const cases = [
      ['12 MP PNG to the 2048 px limit', png(4000, 3000, [30, 90, 160], [250, 200, 40], { grain: 1 }), 'google', '2048'],
      ['12 MP PNG over a relay\'s 10 MB', png(4096, 3072, [10, 20, 30], [230, 220, 210], { grain: 60 }), 'gccai', ''],
    ];
    for (const [what, buffer, preset, edge] of cases) {
      const times = [], tasks = [];
      let note = '';
      for (let run = 0; run < 3; run++) {
        const page = await newPage();
        await configure(page, { provider }, { preset, key: 'bench-key' });
        await page.getByTestId('ref-long-edge').selectOption(edge);
        await page.getByTestId('ref-input').setInputFiles([{ name: 'big.png', mimeType: 'image/png', buffer }]);
        await page.waitForFunction(() => window.__t.shrunkAt > 0, null, { timeout: 120000 });
        const t = await page.evaluate(() => window.__t);
        times.push(t.shrunkAt - t.changeAt);
        // Tasks from the change event on: Playwright hands the file over in one long task before it.
        tasks.push(longest(t.longTasks.filter(([start]) => start >= t.changeAt - 1), t.changeAt, t.shrunkAt));
        note = t.note.replace(/^big\.png: /, '');
        await page.context().close();
      }
      row(`shrink a reference: ${what}`, `${ms(median(times))}, longest task ${ms(median(tasks))} · ${note}`);
    }
  }

  // 5. Memory after 50 generations of 2K images, and after clearing them.
  if (want('memory')) {
    provider.setScenario('photo');
    const page = await newPage();
    await configure(page, { provider }, { preset: 'google', key: 'bench-key' });
    await pick(page, 'image-size', '2K');
    // Ticked in the page: Playwright's own checks (an IntersectionObserver per click) would stay in the heap.
    const selectAll = (page) => page.evaluate(() => { for (const b of document.querySelectorAll('[data-testid=select-result]:not(:checked)')) b.click(); });
    const heap = () => page.evaluate(() => { window.gc?.(); return { heap: performance.memory.usedJSHeapSize, live: window.__t.live.size }; });
    await page.getByTestId('more-options').click();
    await page.getByTestId('batch').check();
    // Playwright puts its own 330 KB helper script into the page on the first wait; it is put there
    // before the baseline so the figures are the studio's alone.
    await page.waitForFunction(() => true);
    // Measured before anything ran (the strict baseline), and after one warm-up round (2 images, then
    // cleared), which shows what first use costs (compiled code, caches) as against growth.
    const cold = await heap();
    await generate(page, 'warm-up 1\nwarm-up 2');
    await page.waitForFunction(() => /2 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent), null, { timeout: 120000 });
    await selectAll(page);
    await page.getByTestId('delete-selected').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 0);
    await page.waitForTimeout(3000);
    const start = await heap();
    await generate(page, Array.from({ length: 50 }, (_, i) => `memory ${i + 1}`).join('\n'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 50 && !document.querySelector('[data-testid=cancel]'), null, { timeout: 600000 });
    await page.waitForFunction(() => /50 images in the history/.test(document.querySelector('[data-testid=storage-note]').textContent), null, { timeout: 120000 });
    const full = await heap();
    await selectAll(page);
    await page.getByTestId('delete-selected').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=result-image]').length === 0);
    await page.waitForTimeout(3000);
    const cleared = await heap();
    const pct = (from) => { const g = (cleared.heap - from.heap) / from.heap; return `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)}%`; };
    const within = (from) => (cleared.heap - from.heap) / from.heap <= 0.1;
    const mb = (x) => (x.heap / 1e6).toFixed(2);
    row('JS heap: cold → warm → 50 × 2K → cleared', `${mb(cold)} → ${mb(start)} → ${mb(full)} → ${mb(cleared)} MB`, '', '',
      `${within(start) ? 'met' : 'NOT met'} (within 10% of warm: ${pct(start)}); of cold: ${pct(cold)} (${within(cold) ? 'within' : 'over'} 10%)`);
    row('live blob: URLs: start → 50 × 2K → cleared', `${start.live} → ${full.live} → ${cleared.live}`, '', '', cleared.live <= start.live ? 'met (none outlives its image)' : 'NOT met');
    provider.setScenario(null);
    await page.context().close();
  }
} finally {
  await browser.close();
  await app.close();
  await provider.close();
}

const cpu = os.cpus();
console.log(`\nBanana Studio benchmarks · ${new Date().toISOString().slice(0, 10)} · ${cpu.length} × ${cpu[0].model.trim()} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Chromium headless · median of ${RUNS} runs\n`);
const cols = ['what', 'ours', 'reference', 'ratio', 'budget'];
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
console.log(cols.map((c) => c.padEnd(width[c])).join(' │ '));
console.log(cols.map((c) => '─'.repeat(width[c])).join('─┼─'));
for (const r of rows) console.log(cols.map((c) => String(r[c]).padEnd(width[c])).join(' │ '));
