// The longest main-thread task while 4K answers arrive and show, in a Chromium driven over raw CDP with
// only the Runtime and Page domains: Playwright always enables DevTools' Network domain, whose agent
// decodes each finished response body on the main thread (a 50 ms task for a 15 MB answer) — a cost
// visitors without DevTools open never pay. The WebSocket is Node's own where it has one (Node 22), else
// the `ws` package's (Node 20, which setup accepts).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const Socket = globalThis.WebSocket ?? (await import('ws')).WebSocket;

/** Runs `runs` 4K generations of `appUrl` against `provider` (scenario `photo`); with `network`, turns
 * the Network domain on as Playwright does. Resolves to the longest task of each run, in ms. */
export async function longestTasks4K({ appUrl, provider, runs = 5, network = false }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-cdp-'));
  const chrome = spawn(process.env.CHROMIUM || '/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0', `--user-data-dir=${dir}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const wsUrl = await new Promise((resolve) => { let buf = ''; chrome.stderr.on('data', (d) => { buf += d; const m = /DevTools listening on (ws:\S+)/.exec(buf); if (m) resolve(m[1]); }); });
    const targets = await (await fetch(`http://127.0.0.1:${new URL(wsUrl).port}/json/list`)).json();
    const ws = new Socket(targets.find((t) => t.type === 'page').webSocketDebuggerUrl);
    await new Promise((r) => ws.addEventListener('open', r));
    let id = 0;
    const waiting = new Map();
    ws.addEventListener('message', (e) => { const m = JSON.parse(e.data); waiting.get(m.id)?.(m); waiting.delete(m.id); });
    const send = (method, params = {}) => new Promise((r) => { const i = ++id; waiting.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
    const evaluate = async (expression) => (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result?.result?.value;
    const set = (testid, value, event) => evaluate(`(() => { const e = document.querySelector('[data-testid=${testid}]'); e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event('${event}', { bubbles: true })); })()`);
    if (network) await send('Network.enable');
    await send('Page.navigate', { url: appUrl });
    for (let i = 0; i < 100 && !(await evaluate("!!document.querySelector('[data-testid=prompt]')")); i++) await sleep(100);
    await set('provider', 'google', 'change');
    await set('base-url', provider.url, 'change');
    await set('api-key', 'bench-key', 'input');
    await sleep(200);
    // The size chip (loaded a moment after the prompt): opened, then its 4K option clicked.
    for (let i = 0; i < 100 && !(await evaluate("!!document.querySelector('[data-testid=image-size]')")); i++) await sleep(100);
    await evaluate(`document.querySelector('[data-testid=image-size]').click();
      document.querySelector('[data-testid=image-size-menu] [data-value="4K"]').click()`);
    await evaluate("window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push(e.duration); }).observe({ type: 'longtask' })");
    provider.setScenario('photo');
    const longest = [];
    for (let run = 0; run < runs; run++) {
      await set('prompt', `raw cdp ${run}`, 'input');
      await evaluate("window.__lt.length = 0; window.__n = document.querySelectorAll('[data-testid=result-image]').length; document.querySelector('[data-testid=generate]').click()");
      for (let i = 0; i < 600 && !(await evaluate("document.querySelectorAll('[data-testid=result-image]').length > window.__n")); i++) await sleep(100);
      await sleep(800);
      longest.push(await evaluate('Math.max(0, ...window.__lt)'));
      await sleep(2500); // the thumbnail, 1.5 s after the image, is not part of the next run
    }
    provider.setScenario(null);
    ws.close();
    return longest;
  } finally {
    chrome.kill();
  }
}
