// The browser glue tests (tests/browser.rs, wasm-bindgen-test) in one browser, run once:
//
//   node scripts/glue.mjs chromium|firefox      (scripts/test.sh glue runs both)
//
// The test module is built by cargo, served by wasm-bindgen-test-runner in its serve mode
// (NO_HEADLESS), and its page is loaded by Playwright (Chromium) or over WebDriver (Firefox ESR); the
// page runs the tests and writes the result, which is printed here. Before the page loads, the runner's
// server is given idle threads for every connection a browser opens at once: its HTTP server (tiny_http
// 0.12) starts with four threads, a keep-alive connection holds one while it is open, and a burst of
// new connections can leave one queued behind a thread it counted as free — the page then waits for a
// module that is answered only when another connection closes (docs/reliability.md has the experiment).
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const browserName = process.argv[2];
if (!['chromium', 'firefox'].includes(browserName)) {
  console.error('usage: node scripts/glue.mjs chromium|firefox');
  process.exit(2);
}
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const LIMIT_MS = 5 * 60 * 1000;

/** A free loopback port. */
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Resolves once `child`'s output matches `pattern`; rejects if it exits first or after `ms`. */
const waitFor = (child, pattern, ms, what) => new Promise((resolve, reject) => {
  let seen = '';
  const timer = setTimeout(() => reject(new Error(`${what} did not start in ${ms / 1000} s:\n${seen}`)), ms);
  const look = (d) => { seen += d; if (pattern.test(seen)) { clearTimeout(timer); resolve(); } };
  child.stdout.on('data', look);
  child.stderr.on('data', look);
  child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited (${code}):\n${seen}`)); });
});

/**
 * Opens `n` connections to the server at once, each asking for `/run.js` and kept open; once they have
 * been answered (or after two seconds), closes them all. The server then has at least `n` idle threads.
 */
async function warmThreads(port, n) {
  const sockets = [];
  await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write('GET /run.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'));
    sockets.push(s);
    const done = setTimeout(resolve, 2000);
    s.once('data', () => { clearTimeout(done); resolve(); });
    s.on('error', () => { clearTimeout(done); resolve(); });
  })));
  for (const s of sockets) s.destroy();
  await new Promise((r) => setTimeout(r, 200));
}

/** Loads the runner's page with `load`; a page that does not start in a minute fails the run, saying so. */
async function start(load) {
  try {
    await load();
  } catch (e) {
    throw new Error(`the runner's test page never started (no DOMContentLoaded in 60 s; docs/reliability.md): ${e.message}`);
  }
}

/** The runner page's result text once it has one (or what it shows after the limit). */
async function resultOf(read) {
  const started = Date.now();
  let text = '';
  while (Date.now() - started < LIMIT_MS) {
    text = (await read()) ?? '';
    if (/test result: (ok|FAILED)/.test(text)) return text;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no test result after ${LIMIT_MS / 1000} s; the page shows:\n${text}`);
}

const build = execFileSync('cargo', ['test', '--target', 'wasm32-unknown-unknown', '--test', 'browser', '--no-run',
  '--message-format=json-render-diagnostics'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 << 20 });
const wasm = build.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
  .filter((m) => m.reason === 'compiler-artifact' && m.target?.name === 'browser' && m.executable).at(-1)?.executable;
if (!wasm) throw new Error('cargo built no browser test module');

const port = await freePort();
const runner = spawn(process.env.WASM_BINDGEN_TEST_RUNNER || 'wasm-bindgen-test-runner', [wasm], {
  cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  env: { ...process.env, NO_HEADLESS: '1', WASM_BINDGEN_TEST_ADDRESS: `127.0.0.1:${port}` },
});
const stop = [() => { try { process.kill(-runner.pid); } catch { /* gone */ } }];
let passed = false;
try {
  await waitFor(runner, /Ctrl-C/, 120000, 'wasm-bindgen-test-runner');
  await warmThreads(port, 16);
  const url = `http://127.0.0.1:${port}/`;
  let text;
  if (browserName === 'chromium') {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    stop.unshift(() => browser.close());
    const page = await browser.newPage();
    await start(() => page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 }));
    text = await resultOf(() => page.evaluate(() => document.getElementById('output')?.textContent));
  } else {
    const { Builder } = await import('selenium-webdriver');
    const gecko = process.env.GECKODRIVER || path.join(os.homedir(), '.cargo', 'bin', 'geckodriver');
    const driverPort = await freePort();
    const driverProcess = spawn(gecko, ['--port', String(driverPort)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    stop.unshift(() => { try { process.kill(-driverProcess.pid); } catch { /* gone */ } });
    await waitFor(driverProcess, /Listening on/, 30000, 'geckodriver');
    const driver = await new Builder().usingServer(`http://127.0.0.1:${driverPort}`).withCapabilities({
      browserName: 'firefox', pageLoadStrategy: 'eager',
      'moz:firefoxOptions': { binary: process.env.FIREFOX || '/usr/bin/firefox-esr', args: ['-headless'] },
    }).build();
    stop.unshift(() => driver.quit());
    await driver.manage().setTimeouts({ pageLoad: 60000 });
    await start(() => driver.get(url));
    text = await resultOf(() => driver.executeScript("return document.getElementById('output')?.textContent"));
  }
  console.log(text.trim());
  passed = /test result: ok/.test(text);
} finally {
  for (const s of stop) await Promise.resolve().then(s).catch(() => {});
}
process.exit(passed ? 0 : 1);
