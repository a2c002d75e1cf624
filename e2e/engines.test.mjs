// The cross-engine set: what the studio does, run in the two other engine families over WebDriver
// (selenium-webdriver; the browsers and drivers come from Debian and crates.io, installed by
// `scripts/setup.sh --test`): Firefox ESR through geckodriver, and WebKitGTK (the engine family of
// Safari) through WebKitWebDriver under a virtual display. One browser session per engine runs every
// row in order (each row a subtest, so one failure names its row and the others still run): the four
// wire shapes (and a CORS refusal told as such), references from the picker and the clipboard, the history after a reload, continue
// editing, cancel, a 4K answer, a reference shrunk in the worker, ZIP export, the custom element and
// generate() on a host page, and last a start with the app's host gone (the service worker's copy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Builder, By, until } from 'selenium-webdriver';
import { serveDist, studioChunks, EXAMPLES } from './harness.mjs';
import { startProvider } from './provider.mjs';
import { png } from './png.mjs';

const chunks = studioChunks();
const GECKODRIVER = [process.env.GECKODRIVER, path.join(os.homedir(), '.cargo', 'bin', 'geckodriver')].find((p) => p && fs.existsSync(p));
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

let provider, files;
before(async () => {
  provider = await startProvider();
  // Files for the picker: WebDriver sends a path on this machine.
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'banana-engines-'));
  fs.writeFileSync(path.join(files, 'picked.png'), png(20, 16, [10, 120, 200], [250, 250, 10]));
  fs.writeFileSync(path.join(files, 'wide.png'), png(3000, 2000, [30, 90, 160], [250, 200, 40], { grain: 1 }));
});
after(async () => { await provider?.close(); fs.rmSync(files, { recursive: true, force: true }); });

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** Starts a WebDriver server (`command` with its port argument) and waits until it answers. */
async function startDriver(command, args, port) {
  const child = spawn(command[0], [...command.slice(1), ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return { url: `http://127.0.0.1:${port}`, stop: () => { try { process.kill(-child.pid); } catch { /* gone */ } } };
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  try { process.kill(-child.pid); } catch { /* gone */ }
  throw new Error(`${command.join(' ')} did not start: ${log}`);
}

/** The last request the provider saw on a generation path. */
const lastGeneration = () => [...provider.requests].reverse().find((r) => /generateContent|images\/generations/.test(r.path));
const generations = () => provider.requests.filter((r) => /generateContent/.test(r.path));

/** Small helpers over one WebDriver session, for the studio's page (`root`: a host element's shadow root). */
function studio(driver, root = 'document') {
  const q = `((id) => ${root}.querySelector('[data-testid=' + id + ']'))`;
  const api = {
    driver,
    js: (src, ...args) => driver.executeScript(src, ...args),
    /** Waits until the expression (over `q(testid)`, `all(testid)` and `arguments`) is truthy. */
    until: (expr, message, timeout = 30000, ...args) => driver.wait(
      () => driver.executeScript(`try { const q = ${q}; const all = (id) => [...${root}.querySelectorAll('[data-testid=' + id + ']')]; return Boolean(${expr}); } catch { return false; }`, ...args),
      timeout, message),
    /** Sets an input's or select's value as a user would (input and change events). */
    set: (id, value) => driver.executeScript(`const el = ${q}(arguments[0]); el.value = arguments[1];
      el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`, id, value),
    /** Picks a value with a composer chip as a pointer would: the chip, then its menu's option. */
    async pick(id, value) {
      await api.until('q(arguments[0])', `the ${id} chip`, 30000, id);
      await api.click(id);
      const option = await driver.findElement(By.css(`[data-testid=${id}-menu] [data-value="${value}"]`));
      await option.click();
      await api.until('q(arguments[0]).dataset.value === arguments[1]', `${id} shows ${value}`, 5000, id, value);
    },
    check: (id, on = true) => driver.executeScript(`const el = ${q}(arguments[0]); if (el.checked !== arguments[1]) el.click();`, id, on),
    value: (id) => driver.executeScript(`return ${q}(arguments[0]).value`, id),
    text: (id) => driver.executeScript(`return ${q}(arguments[0])?.textContent ?? ''`, id),
    count: (id) => driver.executeScript(`return ${root}.querySelectorAll('[data-testid=' + arguments[0] + ']').length`, id),
    /** Clicks the first element with this test id, as a pointer would (the studio's own page only). */
    async click(id, index = 0) {
      const el = (await driver.findElements(By.css(`[data-testid=${id}]`)))[index];
      assert.ok(el, `${id} is on the page`);
      await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', el);
      await el.click();
    },
    /** Removes every reference on the form. */
    async clearRefs() {
      while ((await api.count('ref-remove')) > 0) await api.click('ref-remove');
    },
    /** Points the form at the test provider. */
    async configure({ preset = 'custom', dialect, auth, model, key = 'test-key' } = {}) {
      await api.set('provider', preset);
      if (dialect) await api.set('dialect', dialect);
      if (auth) await api.set('auth', auth);
      await api.set('base-url', provider.url);
      if (model) await api.set('model', model);
      await api.set('api-key', key);
    },
    async generate(prompt, { wait = true } = {}) {
      const before = await api.count('result-image');
      await api.set('prompt', prompt);
      await api.click('generate');
      if (wait) await api.until(`all('result-image').length > ${before}`, `an image for "${prompt}"`, 60000);
    },
    /** Loads the studio and waits for its chunks (fetched at idle) and the views they hold. */
    async load(url) {
      await driver.get(url);
      await driver.wait(until.elementLocated(By.css('[data-testid=prompt]')), 30000);
      await driver.wait(async () => {
        const fetched = await driver.executeScript('return performance.getEntriesByType("resource").map((e) => e.name.split("/").pop())');
        return chunks.every((c) => fetched.includes(c));
      }, 30000, 'every chunk fetched at idle');
      await driver.wait(until.elementLocated(By.css('[data-testid=provider]')), 10000);
    },
  };
  return api;
}

/** Every row, in order, on one session of one engine. */
async function rows(t, driver, engine) {
  await driver.manage().setTimeouts({ script: 60000 });
  const app = await serveDist();
  const s = studio(driver);
  try {
    await t.test('the split build loads: the prompt from the main module, every chunk at idle', async () => {
      await s.load(app.url);
    });

    for (const c of [
      { preset: 'google', placement: 'header' },
      { preset: 'anyfast', placement: 'query' },
      { preset: 'tokaify', placement: 'bearer' },
    ]) {
      await t.test(`Gemini native, key in the ${c.placement} (${c.preset})`, async () => {
        provider.reset();
        await s.configure({ preset: c.preset, key: `key-${c.preset}` });
        await s.generate(`native ${c.placement} in ${engine}`);
        const r = lastGeneration();
        assert.match(r.path, /^\/v1beta\/models\/[\w.-]+:generateContent$/);
        assert.deepEqual([r.auth.placement, r.auth.key], [c.placement, `key-${c.preset}`]);
        assert.equal(r.json.contents.at(-1).parts[0].text, `native ${c.placement} in ${engine}`);
        assert.match(await s.js('return document.querySelector("[data-testid=result-image]").src'), /^blob:/);
      });
    }

    await t.test('task API: submitted, polled, the hosted image downloaded', async () => {
      provider.reset();
      await s.configure({ preset: 'gccai', key: 'task-key' });
      await s.generate(`a task in ${engine}`);
      assert.equal(lastGeneration().json.prompt, `a task in ${engine}`);
      assert.ok(provider.requests.some((r) => r.path.startsWith('/v1/tasks/')), 'polled');
      assert.ok(provider.requests.some((r) => r.path.startsWith('/files/')), 'downloaded');
    });

    await t.test('OpenAI-compatible relay (OpenRouter): the chat request, its image; no CORS headers named as such', async () => {
      provider.reset();
      await s.configure({ preset: 'openrouter', key: 'or-key' });
      await s.generate(`a chat in ${engine}`);
      const r = [...provider.requests].reverse().find((x) => /chat\/completions$/.test(x.path));
      assert.deepEqual([r.auth.placement, r.auth.key], ['bearer', 'or-key']);
      assert.deepEqual(r.json.modalities, ['image', 'text']);
      assert.equal(r.json.messages[0].content[0].text, `a chat in ${engine}`);
      assert.match(await s.js('return document.querySelector("[data-testid=result-image]").src'), /^blob:/);
      provider.setCors('none');
      await s.configure({ preset: 'google' });
      await s.generate(`no CORS in ${engine}`, { wait: false });
      await s.until("q('error').dataset.kind === 'cors'", 'the CORS refusal named', 60000);
      assert.match(await s.text('error'), /Access-Control-Allow-Origin/);
      provider.reset();
      await s.js("document.querySelector('[data-testid=error] button').click()");
    });

    await t.test('references from the picker and the clipboard arrive byte-exact', async () => {
      provider.reset();
      await s.clearRefs();
      await s.configure({ preset: 'google' });
      const input = await driver.findElement(By.css('[data-testid=ref-input]'));
      await input.sendKeys(path.join(files, 'picked.png'));
      await s.until("all('ref-thumb').length === 1", 'the picked reference');
      const pasted = png(14, 10, [200, 10, 10], [10, 10, 200]);
      await s.js(`const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(arguments[0])], 'pasted.png', { type: 'image/png' }));
        const e = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
        // Engines protect (Firefox) or drop (WebKit) a script's clipboardData: the files as a real paste
        // carries them.
        Object.defineProperty(e, 'clipboardData', { value: dt });
        document.querySelector('[data-testid=prompt]').dispatchEvent(e);`, [...pasted]);
      await s.until("all('ref-thumb').length === 2", 'the pasted reference');
      await s.generate('with two references');
      const parts = lastGeneration().json.contents[0].parts;
      assert.ok(Buffer.from(parts[1].inlineData.data, 'base64').equals(fs.readFileSync(path.join(files, 'picked.png'))));
      assert.ok(Buffer.from(parts[2].inlineData.data, 'base64').equals(pasted));
      await s.clearRefs();
    });

    await t.test('the history is back after a reload', async () => {
      const n = await s.count('result-image');
      await s.until(`/^${n} images? in the history/.test(q('storage-note').textContent)`, `${n} saved`, 20000);
      await s.load(app.url);
      await s.until(`all('result-image').length === ${n}`, 'every image back', 30000);
      const prompts = await s.js('return [...document.querySelectorAll("[data-testid=result-prompt]")].map((p) => p.textContent)');
      assert.ok(prompts.includes('with two references'), prompts.join(' | '));
    });

    await t.test('continue editing sends the earlier turns back', async () => {
      provider.reset();
      await s.configure({ preset: 'google' });
      await s.generate('a cat on a chair');
      const first = lastGeneration();
      // The tile's bar shows on keyboard focus (as on hover).
      await s.js("document.querySelector('[data-testid=open-lightbox]').focus()");
      await s.click('continue-editing');
      await driver.wait(until.elementLocated(By.css('[data-testid=editing]')), 10000);
      await s.generate('make the cat blue');
      const contents = lastGeneration().json.contents;
      assert.equal(contents.length, 3);
      assert.deepEqual(contents[0], first.json.contents[0]);
      assert.deepEqual(contents[1], first.response.candidates[0].content);
      await s.click('stop-editing');
    });

    await t.test('cancel stops a slow request and keeps the prompt', async () => {
      provider.reset();
      provider.setScenario('slow', { delay: 8000 });
      try {
        const before = await s.count('result-image');
        await s.generate('a slow one', { wait: false });
        await driver.wait(until.elementLocated(By.css('[data-testid=cancel]')), 10000);
        await s.click('cancel');
        await s.until("/Cancelled/.test(q('status').textContent)", 'cancelled');
        assert.equal(await s.value('prompt'), 'a slow one');
        assert.equal(await s.count('cancel'), 0);
        assert.equal(await s.count('result-image'), before);
      } finally { provider.setScenario('ok'); }
    });

    await t.test('a 4K answer is shown at its size', async () => {
      provider.reset();
      await s.pick('image-size', '4K');
      await s.generate('four thousand pixels');
      assert.equal(lastGeneration().json.generationConfig.imageConfig.imageSize, '4K');
      await s.until("document.querySelector('[data-testid=result-image]').naturalWidth === 4096", 'a 4096 px image', 30000);
      await s.click('open-lightbox');
      await s.until("q('result-size')", 'the details in the lightbox', 10000);
      assert.match(await s.js('return document.querySelector("[data-testid=result-size]").textContent'), /4096×4096/);
      await s.click('lightbox-close');
      await s.pick('image-size', '1K');
    });

    await t.test('region edits in the image worker: an expansion around a result, then a region of it composited back, then a detail edit', async () => {
      provider.reset();
      await s.pick('aspect-ratio', '4:3');
      await s.generate('a harbour at dawn');
      const size = "(() => { const i = document.querySelector('[data-testid=result-image]'); return i.naturalWidth + 'x' + i.naturalHeight; })()";
      await s.until(`${size} === '1024x768'`, 'a 4:3 result', 30000);
      // Expand it to 16:9 from the tile's menu: the canvas is made, sent, and the answer put around it.
      await s.js("document.querySelector('[data-testid=open-lightbox]').focus()");
      await s.click('result-menu');
      await s.click('expand');
      await s.until("q('expand-dialog')", 'the expand dialog', 10000);
      await s.set('expand-ratio', '16:9');
      await s.until("/1365 × 768/.test(q('expand-size').textContent)", 'the canvas size');
      const before = await s.count('result-image');
      await s.click('expand-send');
      await s.until(`all('result-image').length > ${before}`, 'the expansion', 60000);
      await s.until(`${size} === '1365x768'`, 'a 1365×768 expansion', 30000);
      assert.equal(await s.count('region-badge') > 0, true);
      // Removing the canvas from the references ends the expansion.
      await s.clearRefs();
      await s.until("!q('region-pending')", 'the expansion ended with its canvas');
      /** Opens the newest result in the Mark up editor's region tool and drags a box from `a` to `b`
       * (fractions of the image) with pointer events as `pointerType` sends them. */
      const paintBox = async (pointerType, a, b) => {
        await s.js("document.querySelector('[data-testid=open-lightbox]').focus()");
        await s.click('result-menu');
        await s.click('annotate');
        await s.until("q('region-tool')", 'the editor', 10000);
        await s.click('region-tool');
        await s.click('region-box');
        await s.until("q('region-overlay').width > 100", 'the overlay');
        await s.js(`const c = document.querySelector('[data-testid=region-overlay]');
          const r = c.getBoundingClientRect();
          const at = (type, fx, fy) => c.dispatchEvent(new PointerEvent(type, { pointerType: arguments[0], pointerId: 3, isPrimary: true, button: 0, buttons: 1, bubbles: true, cancelable: true, clientX: r.left + r.width * fx, clientY: r.top + r.height * fy }));
          const [a, b] = [arguments[1], arguments[2]];
          at('pointerdown', a, a); at('pointermove', (a + b) / 2, (a + b) / 2); at('pointermove', b, b); at('pointerup', b, b);`, pointerType, a, b);
      };
      // Paint a box in the Mark up editor's region tool (pointer events as a pen sends them), Edit region.
      await paintBox('pen', 0.3, 0.7);
      await s.until("!q('edit-region').disabled", 'a region to edit', 10000);
      await s.click('edit-region');
      await s.until("!q('annotate-editor') && q('region-pending')", 'the region edit set up', 30000);
      const n = await s.count('result-image');
      await s.click('generate');
      await s.until(`all('result-image').length > ${n}`, 'the region edit', 60000);
      await s.until(`${size} === '1365x768'`, 'composited at the original size', 30000);
      const parts = lastGeneration().json.contents[0].parts.filter((p) => p.inlineData);
      assert.equal(parts.length, 2, 'the original and its outlined copy');
      assert.equal((await s.text('error')).trim(), '', 'no error');
      // Detail mode on a small region of it: only a crop round the region is sent, the answer put back.
      await paintBox('mouse', 0.45, 0.55);
      await s.until("!q('detail-mode').disabled", 'detail mode offered', 10000);
      const crop = (await s.text('detail-size')).match(/Sends (\d+)×(\d+) px/).slice(1).map(Number);
      await s.click('detail-mode');
      await s.click('edit-region');
      await s.until("!q('annotate-editor') && q('region-pending')", 'the detail edit set up', 30000);
      const m = await s.count('result-image');
      await s.click('generate');
      await s.until(`all('result-image').length > ${m}`, 'the detail edit', 60000);
      await s.until(`${size} === '1365x768'`, 'put back into the whole image', 30000);
      const sent = Buffer.from(lastGeneration().json.contents[0].parts.find((p) => p.inlineData).inlineData.data, 'base64');
      assert.deepEqual([sent.readUInt32BE(16), sent.readUInt32BE(20)], crop, 'the crop was sent');
      assert.ok(crop[0] < 1365 / 2 && crop[1] < 768 / 2, `a crop, not the image: ${crop}`);
      assert.equal((await s.text('error')).trim(), '', 'no error');
      await s.clearRefs();
      await s.pick('aspect-ratio', '');
    });

    await t.test('a reference over the long-edge limit is shrunk in the worker', async () => {
      provider.reset();
      // Every job handed to a worker from here on (the shrink worker is started once, on first use,
      // perhaps earlier for a thumbnail: its jobs are watched, not its construction).
      await s.js(`window.__jobs = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (m, ...rest) {
          if (m && m.width) window.__jobs.push([m.width, m.height]);
          return post.call(this, m, ...rest);
        };`);
      await s.clearRefs();
      await s.set('ref-long-edge', '1024');
      await (await driver.findElement(By.css('[data-testid=ref-input]'))).sendKeys(path.join(files, 'wide.png'));
      await s.until("q('ref-note')", 'the shrink note', 30000);
      assert.match(await s.text('ref-note'), /^wide\.png: 3000×2000 → 1024×683 PNG/);
      const jobs = await s.js('return window.__jobs');
      assert.ok(jobs.some(([w, h]) => w === 1024 && h === 683), `shrunk in a worker: ${JSON.stringify(jobs)}`);
      await s.generate('from the wide one');
      const sent = Buffer.from(lastGeneration().json.contents[0].parts[1].inlineData.data, 'base64');
      assert.deepEqual([sent.readUInt32BE(16), sent.readUInt32BE(20)], [1024, 683]);
      await s.clearRefs();
      await s.set('ref-long-edge', '');
    });

    await t.test('the history exports as a ZIP', async () => {
      const n = await s.count('result-image');
      await s.until(`/^${n} images? in the history/.test(q('storage-note').textContent)`, `${n} saved`, 20000);
      // The download is caught at the link the studio clicks, its Blob kept when its URL was made.
      await s.js(`window.__download = null; const blobs = new Map(); const make = URL.createObjectURL;
        URL.createObjectURL = (b) => { const u = make(b); blobs.set(u, b); return u; };
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () { if (this.download) window.__download = { name: this.download, blob: blobs.get(this.href) }; else click.call(this); };`);
      await s.click('history-menu');
      await s.click('export');
      await s.until('window.__download', 'the export', 30000);
      const zip = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        window.__download.blob.arrayBuffer().then((b) => done({ name: window.__download.name, bytes: [...new Uint8Array(b)] }), (e) => done({ error: String(e) }));`);
      assert.equal(zip.error, undefined);
      assert.match(zip.name, /^banana-studio-history-\d{8}-\d{6}\.zip$/);
      const bytes = Buffer.from(zip.bytes);
      assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'a ZIP');
      const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      assert.ok(bytes.readUInt16LE(eocd + 10) >= n, 'a file for every image at least');
    });

    // The examples, served as another site, pointing at this app and provider.
    const serveExamples = () => serveDist({
      root: EXAMPLES,
      rewrite: (_rel, text) => text.replaceAll('http://127.0.0.1:8080/', app.url).replaceAll('http://127.0.0.1:8788', provider.url.replace(/\/$/, '')),
    });

    await t.test('<banana-studio> on a host page: attributes, generation, the result event', async () => {
      provider.reset();
      const host = await serveExamples();
      try {
        await driver.get(new URL('custom-element/index.html', host.url).href);
        const el = studio(driver, "document.querySelector('banana-studio').shadowRoot");
        await el.until("q('prompt') && q('api-key')", 'the element rendered', 30000);
        assert.equal(await el.value('base-url'), provider.url.replace(/\/$/, ''));
        await el.set('api-key', 'test-key');
        await el.set('prompt', `a banana for the host in ${engine}`);
        await el.js("document.querySelector('banana-studio').shadowRoot.querySelector('[data-testid=generate]').click()");
        await driver.wait(until.elementLocated(By.css('#received img')), 60000);
        assert.equal(lastGeneration().json.contents.at(-1).parts[0].text, `a banana for the host in ${engine}`);
      } finally { await host.close(); }
    });

    await t.test('generate() on a host page returns Blobs and typed errors', async () => {
      provider.reset();
      const host = await serveExamples();
      try {
        await driver.get(new URL('js-api/index.html', host.url).href);
        const result = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          import(arguments[0]).then(async ({ generate }) => {
            const base = { provider: 'custom', baseUrl: arguments[1], prompt: 'an API banana' };
            const r = await generate({ ...base, apiKey: 'k', imageSize: '2K' });
            let error = null;
            try { await generate({ ...base, apiKey: 'scenario:http-401' }); } catch (e) { error = { name: e.name, kind: e.kind, status: e.status }; }
            done({ types: r.images.map((b) => b.type), sizes: r.images.map((b) => b.size), error });
          }).catch((e) => done({ failed: String(e) }));`, new URL('banana-studio.js', app.url).href, provider.url);
        assert.equal(result.failed, undefined, result.failed);
        assert.deepEqual(result.types, ['image/png']);
        assert.ok(result.sizes[0] > 100);
        assert.deepEqual(result.error, { name: 'BananaStudioError', kind: 'invalid-key', status: 401 });
        assert.equal(provider.requests.find((r) => r.auth?.key === 'k').json.generationConfig.imageConfig.imageSize, '2K');
      } finally { await host.close(); }
    });

    await t.test('with its host gone, the studio starts from the service worker and generates', async () => {
      await s.load(app.url);
      await s.until('navigator.serviceWorker?.controller', 'a controlling service worker', 30000);
      await app.close();
      await s.load(app.url);
      provider.reset();
      await s.configure({ preset: 'google' });
      await s.generate(`offline from its host in ${engine}`);
    });
  } finally {
    await app.close();
  }
}

test('Firefox ESR: the cross-engine set', async (t) => {
  assert.ok(GECKODRIVER, 'geckodriver is installed (scripts/setup.sh --test)');
  const port = await freePort();
  const server = await startDriver([GECKODRIVER], ['--port', String(port)], port);
  const driver = await new Builder().usingServer(server.url).withCapabilities({
    browserName: 'firefox',
    'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'] },
  }).build();
  try { await rows(t, driver, 'Firefox'); } finally { await driver.quit(); server.stop(); }
});

test('WebKitGTK: the cross-engine set', async (t) => {
  const port = await freePort();
  // Without a display the session never starts: a virtual one for the driver and its browser.
  assert.ok(fs.existsSync(MINIBROWSER), 'WebKitGTK is installed (scripts/setup.sh --test)');
  assert.equal(spawnSync('which', ['xvfb-run']).status, 0, 'xvfb-run is installed');
  const server = await startDriver(['xvfb-run', '-a', 'WebKitWebDriver'], [`--port=${port}`], port);
  const driver = await new Builder().usingServer(server.url).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  }).build();
  try { await rows(t, driver, 'WebKit'); } finally { await driver.quit(); server.stop(); }
});
