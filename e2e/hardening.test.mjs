// The hardening matrix: flaky relays, bad answers and bad files. Each row asserts the message shown (or
// the recovery), how many requests went out, that the page still generates afterwards, and that the
// prompt, the references and the history are intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, storeCount, openSettings, details, closeDetails } from './harness.mjs';
import { png } from './png.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(1)</script></svg>');
const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64, 1)]);
const good = (name, seed = 1) => ({ name, mimeType: 'image/png', buffer: png(12 + seed, 9, [seed * 20, 40, 90], [200, 100, seed * 10]) });

/** Rows about answers: `queue` is what the provider answers, request by request. */
const ANSWERS = [
  // Never retried: the same request would fail again.
  { name: '400 invalid key', queue: ['http-400-key'], kind: 'invalid-key', text: /API key was rejected/, requests: 1 },
  { name: '401 from a relay', queue: ['http-401'], kind: 'invalid-key', text: /invalid token/, requests: 1 },
  { name: '402 out of credit', queue: ['http-402'], kind: 'payment-required', text: /balance/, requests: 1 },
  { name: '403 forbidden', queue: ['http-403'], kind: 'forbidden', text: /not allowed/, requests: 1 },
  { name: '404 unknown model', queue: ['http-404'], kind: 'not-found', text: /model id and base URL/, requests: 1 },
  { name: '429 with retries off', retries: 0, queue: ['http-429'], kind: 'rate-limited', text: /Retry in 58 s/, requests: 1 },
  { name: 'safety block', queue: ['blocked'], kind: 'blocked', text: /PROHIBITED_CONTENT/, requests: 1 },
  { name: 'no image, safety finish', queue: ['no-image'], kind: 'no-image', text: /IMAGE_SAFETY/, requests: 1 },
  // Retried, then given up with the reason and the count.
  { name: '500 three times', retries: 2, queue: ['http-500', 'http-500', 'http-500'], kind: 'server-error', text: /temporary problem.*\(Tried 3 times\.\)/s, requests: 3, note: /Server error \(500\)\. Trying again in \d+ s \(retry 1 of 2\)/ },
  { name: '502 HTML page', retries: 0, queue: ['http-502-html'], kind: 'server-error', text: /502 Bad Gateway/, requests: 1 },
  { name: '503 empty body', retries: 0, queue: ['http-503-empty'], kind: 'server-error', text: /empty/, requests: 1 },
  { name: '504 deadline', retries: 0, queue: ['http-504'], kind: 'server-error', text: /DEADLINE_EXCEEDED/, requests: 1 },
  // Dropped connections: Chrome itself sends a request again when a reused connection drops, so these
  // rows drop every request (counting at least ours) and, to recover, answer once the wait shows.
  { name: 'network drops every time (1 retry)', retries: 1, always: 'network-drop', queue: [], kind: 'network', text: /127\.0\.0\.1:\d+ answers, but the answer to this request was cut off.*\(Tried 2 times\.\)/s, minRequests: 2 },
  // Retried, then recovered: the image arrives.
  { name: '429 with RetryInfo, then ok', queue: ['http-429-soon', 'ok'], image: true, requests: 2, note: /Rate limited \(429\)\. Trying again in [12] s \(retry 1 of 2\)/, waited: 1400 },
  { name: '503 with Retry-After, then ok', queue: ['http-503-retry-after', 'ok'], image: true, requests: 2, note: /Server error \(503\)/, waited: 900 },
  { name: 'network drop, then ok', always: 'network-drop', recover: true, queue: [], image: true, minRequests: 2, note: /Network failure/ },
  // Hung and endless answers end with a message.
  { name: 'hung request hits the time limit', timeout: 5, slow: 60000, queue: ['slow'], kind: 'timeout', text: /did not answer within 5 s/, requests: 1 },
  { name: '100 MB answer', retries: 0, queue: ['huge'], kind: 'response-too-large', text: /grew past 90\.0 MB/, requests: 1 },
  // Bad bodies.
  { name: 'empty 200', retries: 0, queue: ['empty-200'], kind: 'truncated', text: /cut off/, requests: 1 },
  { name: 'HTML 200 (a challenge page)', queue: ['html-200'], kind: 'malformed', text: /Just a moment/, requests: 1 },
  { name: 'JSON of the wrong shape', queue: ['wrong-shape'], kind: 'malformed', text: /unexpected shape/, requests: 1 },
  { name: 'truncated JSON', retries: 0, queue: ['truncated'], kind: 'truncated', text: /cut off/, requests: 1 },
  { name: 'invalid base64', queue: ['invalid-base64'], kind: 'invalid-base64', text: /not valid base64/, requests: 1 },
  { name: 'mimeType that lies (PNG bytes called JPEG)', queue: ['mime-lies'], image: true, format: /PNG/, requests: 1 },
  { name: 'SVG posing as an image', queue: ['svg'], kind: 'unsafe-image', text: /SVG/, requests: 1 },
  { name: 'HTML posing as an image', queue: ['html-as-image'], kind: 'unsafe-image', text: /not PNG, JPEG or WebP/, requests: 1 },
  // The task API.
  { name: 'task that never finishes', preset: 'gccai', timeout: 5, queue: ['task-never'], kind: 'task-timeout', text: /did not finish within 5 s/ },
  { name: 'task image link expired', preset: 'gccai', queue: ['task-expired'], kind: 'image-expired', text: /expired/ },
  { name: 'task image host unreachable', preset: 'gccai', retries: 0, queue: ['task-unreachable'], kind: 'network', text: /127\.0\.0\.1:9/ },
  { name: 'task failed upstream', preset: 'gccai', queue: ['task-failed'], kind: 'task-failed', text: /overloaded/ },
];

/** Rows about files: what is added, how many thumbnails that leaves, and the message. */
const FILES = [
  { name: 'empty file', files: () => [good('a.png', 1), { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }, good('b.png', 2)], added: 2, kind: 'reference', text: /empty\.png\) is empty/ },
  { name: 'truncated PNG', files: () => { const p = png(40, 40, [1, 2, 3], [200, 100, 50], { grain: 30 }); return [{ name: 'cut.png', mimeType: 'image/png', buffer: p.subarray(0, p.length >> 1) }]; }, added: 0, kind: 'reference', text: /cut\.png\) is cut short/ },
  { name: 'text file named .png', files: () => [{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some notes, not an image') }], added: 0, kind: 'reference', text: /notes\.png\) is not an image/ },
  { name: 'GIF', files: () => [{ name: 'anim.gif', mimeType: 'image/gif', buffer: gif }], added: 0, kind: 'reference', text: /anim\.gif\) is GIF/ },
  { name: 'SVG', files: () => [{ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: svg }], added: 0, kind: 'reference', text: /logo\.svg\) is SVG/ },
  { name: 'HEIC where the relay does not take it', preset: 'gccai', files: () => [{ name: 'phone.heic', mimeType: 'image/heic', buffer: heic }], added: 0, kind: 'reference', text: /phone\.heic\) is HEIC, which this provider does not take/ },
  { name: 'the same file twice', files: () => [good('twin.png', 7), good('twin-copy.png', 7)], added: 1, kind: 'reference', text: /twin-copy\.png is already among the references, as twin\.png/ },
  { name: '15 references at once', files: () => Array.from({ length: 15 }, (_, i) => good(`many-${i + 1}.png`, i + 20)), added: 'fill', kind: 'reference', text: /takes 14 references at most, so \d+ (was|were) left out: .*many-15\.png/ },
];

/** Runs one row; a failure names the row. */
async function named(row, body) {
  try {
    await body();
  } catch (e) {
    e.message = `[${row.name}] ${e.message}`;
    throw e;
  }
}

async function dismiss(page) {
  if (await page.getByTestId('error').isVisible()) await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=error]').hidden);
}

async function setLimits(page, { retries = 2, timeout = 300 } = {}) {
  await openSettings(page);
  await page.getByTestId('retries').selectOption(String(retries));
  await page.getByTestId('timeout').fill(String(timeout));
  await page.getByTestId('timeout').press('Tab');
}

/** The page still makes an image, and everything the user made is where it was. */
async function stillWorks(page, { prompt, refs, saved }) {
  assert.equal(await page.getByTestId('prompt').inputValue(), prompt, 'prompt kept');
  assert.equal(await page.getByTestId('ref-thumb').count(), refs, 'references kept');
  assert.ok((await storeCount(page, 'entries')) >= saved, 'history kept');
  await dismiss(page);
  await setLimits(page);
  env.provider.reset();
  const before = await page.getByTestId('result-image').count();
  await page.getByTestId('generate').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-image]').length > n, before, { timeout: 30000 });
  assert.equal(await page.getByTestId('error').isHidden(), true);
}

test('answers: every failure gets its message, retries only where they can help, and nothing is lost', async () => {
  const page = await open(env);
  let preset = 'google';
  await configure(page, env, { preset, key: 'matrix-key' });
  await page.getByTestId('ref-input').setInputFiles([good('keep.png', 3)]);
  await page.getByTestId('ref-thumb').waitFor();
  for (const row of ANSWERS) await named(row, async () => {
    const want = row.preset ?? 'google';
    if (want !== preset) {
      preset = want;
      await configure(page, env, { preset, key: 'matrix-key' });
    }
    await setLimits(page, row);
    await dismiss(page);
    env.provider.reset();
    env.provider.setScenario(row.always ?? 'ok', { delay: row.slow ?? 0 });
    env.provider.queue(...row.queue);
    const prompt = `row: ${row.name}`;
    const saved = await storeCount(page, 'entries');
    const images = await page.getByTestId('result-image').count();
    const started = Date.now();
    await generate(page, prompt);
    if (row.note) {
      await page.getByTestId('retry-note').waitFor({ timeout: 20000 });
      assert.match(await page.getByTestId('retry-note').innerText(), row.note, row.name);
      if (row.recover) env.provider.setScenario('ok');
    }
    await page.waitForFunction((n) => !document.querySelector('[data-testid=cancel]') || !document.querySelector('[data-testid=error]').hidden || document.querySelectorAll('[data-testid=result-image]').length > n, images, { timeout: 60000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=cancel]'), null, { timeout: 60000 });
    env.provider.setScenario('ok');
    if (row.image) {
      assert.equal(await page.getByTestId('error').isHidden(), true, `${row.name}: ${await page.getByTestId('error').innerText()}`);
      assert.equal(await page.getByTestId('result-image').count(), images + 1, row.name);
      if (row.format) {
        assert.match(await (await details(page)).getByTestId('result-meta').innerText(), row.format, row.name);
        await closeDetails(page);
      }
      if (row.waited) assert.ok(Date.now() - started >= row.waited, `${row.name}: waited as the provider asked`);
    } else {
      const alert = page.getByTestId('error');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.equal(await alert.getAttribute('data-kind'), row.kind, `${row.name}: ${text}`);
      assert.match(text, row.text, row.name);
      assert.ok(!text.includes('matrix-key'), `${row.name}: no key in the message`);
    }
    const sent = env.provider.requests.filter((r) => /generateContent/.test(r.path)).length;
    if (row.requests) assert.equal(sent, row.requests, `${row.name}: requests sent`);
    if (row.minRequests) assert.ok(sent >= row.minRequests, `${row.name}: ${sent} requests sent`);
    await stillWorks(page, { prompt, refs: 1, saved });
  });
  assert.ok(!page.consoleMessages.some((m) => m.includes('matrix-key')), 'no key in the console');
  assert.ok(!page.consoleMessages.some((m) => m.startsWith('pageerror') || m.includes('panicked')), page.consoleMessages.join('\n'));
  await page.context().close();
});

test('files: every bad file gets its message, and the good ones around it are kept', async () => {
  const page = await open(env);
  let preset = 'google';
  await configure(page, env, { preset });
  await generate(page, 'a first image for the history');
  await page.getByTestId('result-image').first().waitFor();
  for (const row of FILES) await named(row, async () => {
    const want = row.preset ?? 'google';
    if (want !== preset) {
      preset = want;
      await configure(page, env, { preset });
    }
    // Each row starts from an empty form, so counts are the row's own.
    while (await page.getByTestId('ref-remove').count()) await page.getByTestId('ref-remove').first().click();
    await dismiss(page);
    const prompt = `files: ${row.name}`;
    await page.getByTestId('prompt').fill(prompt);
    const saved = await storeCount(page, 'entries');
    const files = row.files();
    await page.getByTestId('ref-input').setInputFiles(files);
    const alert = page.getByTestId('error');
    await alert.waitFor({ timeout: 30000 });
    const text = await alert.innerText();
    assert.equal(await alert.getAttribute('data-kind'), row.kind, `${row.name}: ${text}`);
    assert.match(text, row.text, row.name);
    const max = 14;
    const added = row.added === 'fill' ? max : row.added;
    assert.equal(await page.getByTestId('ref-thumb').count(), added, `${row.name}: valid files kept`);
    await stillWorks(page, { prompt, refs: added, saved });
  });
  await page.context().close();
});

test('a 60 MB image is shrunk to what the relay takes, with the saving shown', async () => {
  const page = await open(env);
  await configure(page, env, { preset: 'gccai' });
  // Made in the page (a transfer from the test process would take longer than the test). A canvas PNG
  // has an alpha channel, so the lossy copy may be WebP.
  const size = await page.evaluate(async () => {
    const [w, h] = [5200, 4000];
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const data = ctx.createImageData(w, h);
    // Noise does not compress: the PNG is about as large as the pixels.
    for (let at = 0; at < data.data.length; at += 65536) crypto.getRandomValues(data.data.subarray(at, at + 65536));
    for (let i = 3; i < data.data.length; i += 4) data.data[i] = 255;
    ctx.putImageData(data, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const input = document.querySelector('[data-testid=ref-input]');
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'huge.png', { type: 'image/png' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return blob.size;
  });
  assert.ok(size > 55e6, `${size} bytes`);
  await page.getByTestId('ref-note').waitFor({ timeout: 60000 });
  assert.match(await page.getByTestId('ref-note').innerText(), /^huge\.png: 5200×4000 → \d+×\d+ (JPEG|WebP), [\d.]+ MB → [\d.]+ MB \(\d+ % smaller; over the provider's 10\.0 MB per image\)$/);
  env.provider.reset();
  await generate(page, 'with the huge one');
  await page.getByTestId('result-image').first().waitFor({ timeout: 30000 });
  const url = env.provider.requests.find((r) => r.path === '/v1/images/generations').json.image_urls[0];
  assert.ok(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').length <= 10_000_000);
  await page.context().close();
});
