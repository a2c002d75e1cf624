// Benchmark: a history of 10,000 entries (1024 px PNGs with 256 px WebP thumbnails; one entry in ten
// with a reference), in the release build in Chromium. Prints, over several runs (medians and ranges):
//   open    from navigation start, the first thumbnail and the whole first screen of thumbnails decoded
//           on screen (those further down load lazily as they scroll into view)        target < 300 ms
//   search  from the end of the typing pause (the studio waits 250 ms after the last keystroke) until
//           the matches over the whole history are on screen                           target < 200 ms
//   filter  from ticking "Made with reference images" (one entry in ten) until the first screen of
//           matches over the whole history is on screen, thumbnails decoded                 target < 300 ms
//   delete  the longest main-thread task while one entry (with a reference) is deleted  target ≤ 50 ms
//   export  the longest main-thread task while the whole history is exported as ZIP   target ≤ 50 ms
// Long tasks are the browser's own (PerformanceObserver "longtask": every task over 50 ms).
//
// Run: scripts/bench.sh history   (builds the release app first)   ENTRIES=… RUNS=… to change the size
import { serveDist, launch, seedHistory, tileAction, historyMenu } from '../e2e/harness.mjs';
import os from 'node:os';

const RUNS = Number(process.env.RUNS || 5);
const ENTRIES = Number(process.env.ENTRIES || 10000);

const watch = () => {
  // Installed before the app starts: notes when thumbnails finish loading, and every long task.
  window.__thumbs = [];
  window.__long = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push({ at: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (!window.__form && document.querySelector('[data-testid=prompt]')) window.__form = performance.now();
    for (const img of document.querySelectorAll('img.thumb:not([data-watched])')) {
      img.dataset.watched = '1';
      const done = () => requestAnimationFrame(() => window.__thumbs.push(performance.now()));
      if (img.complete && img.naturalWidth) done(); else img.addEventListener('load', done, { once: true });
    }
  }).observe(document, { childList: true, subtree: true });
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs) => `${median(xs).toFixed(0)} ms median (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** The longest task (0 when none over 50 ms) from now until `done()` resolves. */
async function longestDuring(page, done) {
  const from = await page.evaluate(() => performance.now());
  await done();
  await page.waitForTimeout(300);
  return page.evaluate((from) => Math.max(0, ...window.__long.filter((t) => t.at >= from).map((t) => t.ms)), from);
}

const app = await serveDist();
const browser = await launch();
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.getByTestId('prompt').waitFor();
  const seeding = Date.now();
  await seedHistory(page, ENTRIES, { withReferences: 10 });
  console.log(`(seeded ${ENTRIES} entries in ${((Date.now() - seeding) / 1000).toFixed(1)} s)`);
  await context.addInitScript(watch);
  const first = [], screen = [], counts = [], form = [], search = [], filters = [], deletes = [], exports = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.waitForFunction(() => window.__thumbs.length > 0, null, { timeout: 30000 });
    await page.waitForTimeout(1500);
    const t = await page.evaluate(() => window.__thumbs.slice().sort((a, b) => a - b));
    first.push(t[0]);
    screen.push(t.at(-1));
    counts.push(t.length);
    form.push(await page.evaluate(() => window.__form));

    // Search: an entry far down the history, by a word only it has.
    const target = Math.floor(ENTRIES * (run + 1) / (RUNS + 2) / 10) * 10;
    const took = await page.evaluate(async (word) => {
      const box = document.querySelector('[data-testid=history-search]');
      const shown = () => [...document.querySelectorAll('[data-testid=result-prompt]')].some((p) => p.textContent.endsWith(` ${word}`));
      box.value = word;
      const typed = performance.now();
      box.dispatchEvent(new Event('input', { bubbles: true }));
      while (!shown()) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - typed - 250;
    }, `w${target}`);
    search.push(took);

    // Delete the entry found (it has a reference: its parts are checked against every other entry).
    const before = await page.getByTestId('storage-note').textContent();
    deletes.push(await longestDuring(page, async () => {
      await (await tileAction(page, 'remove-result', page.getByTestId('result-card').filter({ hasText: `seeded entry ${target} w${target}` }))).click({ timeout: 10000 });
      await page.waitForFunction((b) => document.querySelector('[data-testid=storage-note]').textContent !== b, before, { timeout: 30000 });
    }));
    await page.getByTestId('history-search').fill('');

    // Filter: with references (entries 0, 10, 20, …: their prompts end in w<i>), over the whole history.
    await page.getByTestId('history-filter').click();
    filters.push(await page.evaluate(async () => {
      const box = document.querySelector('[data-testid=filter-references]');
      const ready = () => {
        const tiles = [...document.querySelectorAll('[data-testid=result-card]')];
        const first = tiles.slice(0, 12);
        return first.length === 12 && tiles.every((t) => / w\d+$/.test(t.querySelector('[data-testid=result-prompt]').textContent))
          && first.every((t) => { const img = t.querySelector('img'); return img.complete && img.naturalWidth > 0; });
      };
      const start = performance.now();
      box.click();
      while (!ready()) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    }));
    await page.getByTestId('filter-references').uncheck();
    await page.getByTestId('history-filter').click();
  }
  // Export (once per run would take long: twice).
  for (let run = 0; run < 2; run++) {
    exports.push(await longestDuring(page, async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300000 }), historyMenu(page).then(() => page.getByTestId('export').click())]);
      await download.path();
    }));
  }
  console.log(`History of ${ENTRIES} entries, ${RUNS} runs, ${os.cpus().length} × ${os.cpus()[0].model.trim()}, Chromium headless`);
  console.log(`  (the form itself appears:   ${fmt(form)})`);
  console.log(`  open: first thumbnail on screen:  ${fmt(first)}   target < 300 ms: ${verdict(median(first) < 300)}`);
  console.log(`  open: whole first screen (${median(counts)} thumbnails): ${fmt(screen)}   target < 300 ms: ${verdict(median(screen) < 300)}`);
  console.log(`  search over every entry, after the typing pause: ${fmt(search)}   target < 200 ms: ${verdict(median(search) < 200)}`);
  console.log(`  filter (with references, ${ENTRIES / 10} matches): first screen ${fmt(filters)}   target < 300 ms: ${verdict(median(filters) < 300)}`);
  console.log(`  delete: longest task ${fmt(deletes)}   target ≤ 50 ms: ${verdict(Math.max(...deletes) <= 50)}`);
  console.log(`  export (ZIP of all): longest task ${fmt(exports)}   target ≤ 50 ms: ${verdict(Math.max(...exports) <= 50)}`);
  await context.close();
} finally {
  await browser.close();
  await app.close();
}
