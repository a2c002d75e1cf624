// The npm package (issue 30): scripts/pack.sh packs the release build; two example apps install the
// tarball and build it with no configuration for it: examples/vite-react (React, Vite, TypeScript with
// the package's declarations) and examples/webpack (plain JavaScript, webpack 5 with no config file).
// Each build, served as a static host would, generates through generate() and through the
// <banana-studio> element against the test provider, and every file the studio loads (wasm, split
// chunks, stylesheet, translation tables, the image worker and its pixel maths) comes from the
// bundler's output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { serveDist, launch, openSettings } from './harness.mjs';
import { startProvider } from './provider.mjs';
import { png } from './png.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const run = (cmd, args, cwd = ROOT) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** The two builds: where each example lives and what of it a static host serves. */
const BUILDS = {
  vite: { dir: path.join(EXAMPLES, 'vite-react'), served: 'dist' },
  webpack: { dir: path.join(EXAMPLES, 'webpack'), served: '.' },
};

let tarball, provider, browser;
before(async () => {
  // The last build, packed (scripts/pack.sh does the same after building when dist/ is out of date).
  tarball = run('node', ['scripts/pack.mjs', 'dist', 'target/npm']).trim().split('\n').pop();
  // The examples' own packages come from scripts/setup.sh --test (npm ci); the package from the tarball.
  for (const build of Object.values(BUILDS)) {
    run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', tarball], build.dir);
    fs.rmSync(path.join(build.dir, 'dist'), { recursive: true, force: true });
    run('npm', ['run', 'build'], build.dir);
  }
  [provider, browser] = await Promise.all([startProvider(), launch()]);
  for (const build of Object.values(BUILDS)) build.host = await serveDist({ root: path.join(build.dir, build.served) });
}, { timeout: 600_000 });
after(async () => {
  await browser?.close();
  await provider?.close();
  for (const build of Object.values(BUILDS)) await build.host?.close();
});

/** A built example, pointed at the test provider; responses, workers and page errors recorded. */
async function openExample(build) {
  const host = build.host;
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const loaded = [];
  const workers = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('worker', (w) => workers.push(w.url()));
  // The page's and its workers' requests.
  context.on('response', (r) => {
    loaded.push(r.url());
    if (r.status() >= 400 && r.url().startsWith(host.url) && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${host.url}?relay=${encodeURIComponent(provider.url.replace(/\/$/, ''))}`);
  return { page, problems, loaded, workers, host };
}

test('the tarball: npm pack format, the exports map, the types and every file the entry names', () => {
  assert.match(path.basename(tarball), /^banana-studio-\d+\.\d+\.\d+\.tgz$/);
  const listing = run('tar', ['-tzf', tarball]).trim().split('\n');
  assert.ok(listing.every((f) => f.startsWith('package/')), 'npm pack layout');
  const installed = path.join(BUILDS.vite.dir, 'node_modules', 'banana-studio');
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'banana-studio');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './index.js' });
  assert.equal(manifest.exports['./jsx'].types, './jsx.d.ts');
  const entry = fs.readFileSync(path.join(installed, 'index.js'), 'utf8');
  // Each file named literally, and each one there.
  const code = entry.replace(/^\s*\/\/.*$/gm, '');
  const named = [...code.matchAll(/new URL\('\.\/([^']+)', import\.meta\.url\)/g)].map((m) => m[1]);
  for (const kind of [/_bg\.wasm$/, /\.css$/, /^en-\w+\.json$/, /^zh-CN-\w+\.json$/, /^pixels\.js$/, /^pixels_bg\.wasm$/, /shrink_worker\.js$/, /^proxy\/.+\.js$/]) {
    assert.ok(named.some((f) => kind.test(f)), `the entry names ${kind}: ${named.join(', ')}`);
  }
  for (const f of named) assert.ok(fs.existsSync(path.join(installed, f)), `${f} is in the package`);
  assert.ok(!/^await\b/m.test(code), 'no top-level await (bundlers targeting older browsers refuse it)');
  // The split chunks are named by their loader the same way.
  const loader = fs.readdirSync(installed).find((f) => /^__wasm_split-\w+\.js$/.test(f));
  const chunks = [...fs.readFileSync(path.join(installed, loader), 'utf8').matchAll(/new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)/g)].map((m) => m[1]);
  assert.ok(chunks.length >= 5, `chunks named: ${chunks}`);
  for (const c of chunks) assert.ok(fs.existsSync(path.join(installed, c)), c);
  // The hosted loader is not replaced: dist keeps its banana-studio.js.
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'banana-studio.js')));
});

for (const [name, build] of Object.entries(BUILDS)) {

test(`${name}: generate() resolves to Blobs; a failure is a BananaStudioError`, async () => {
  const { page, problems, loaded, host } = await openExample(build);
  await page.getByTestId('host-key').fill('test-key');
  await page.getByTestId('host-prompt').fill('a banana from React');
  provider.reset?.();
  await page.getByTestId('host-generate').click();
  const img = page.locator('[data-testid=host-received] img[data-from="generate()"]');
  await img.first().waitFor();
  const got = await img.first().evaluate((i) => new Promise((r) => {
    const done = () => r({ w: i.naturalWidth, src: i.src, alt: i.alt });
    i.complete && i.naturalWidth ? done() : (i.onload = done);
  }));
  assert.ok(got.w > 0 && got.src.startsWith('blob:'), JSON.stringify(got));
  assert.equal(got.alt, 'a banana from React');
  const sent = [...provider.requests].reverse().find((q) => /generateContent/.test(q.path));
  assert.equal(sent.json.generationConfig.imageConfig.imageSize, '1K');
  assert.equal(sent.json.generationConfig.imageConfig.aspectRatio, '1:1');
  // The main module and the chunks generate() needs came from the build.
  assert.ok(loaded.filter((u) => u.startsWith(host.url) && u.endsWith('.wasm')).length >= 2, 'wasm from the build');

  // The app shows only a BananaStudioError (anything else is rethrown, a page error).
  await page.getByTestId('host-key').fill('scenario:http-401');
  await page.getByTestId('host-generate').click();
  await page.getByTestId('host-error').filter({ hasText: 'invalid-key (HTTP 401)' }).waitFor();
  assert.deepEqual(problems, []);
});

test(`${name}: the element: the form in its shadow root, styled; a result reaches the app as an event; the image worker and its pixel maths come from the build`, async () => {
  const { page, problems, loaded, workers, host } = await openExample(build);
  const studio = page.locator('banana-studio');
  await studio.getByTestId('prompt').waitFor();
  assert.equal(await studio.getByTestId('provider').inputValue(), 'custom');
  assert.equal(await studio.getByTestId('base-url').inputValue(), provider.url.replace(/\/$/, ''));
  // The stylesheet from the bundle styles the shadow root.
  const sheet = await studio.evaluate((el) => el.shadowRoot.querySelector('link[rel=stylesheet]').href);
  assert.ok(sheet.startsWith(host.url) && sheet.endsWith('.css'), sheet);
  const radius = await studio.getByTestId('generate').evaluate((b) => getComputedStyle(b).borderRadius);
  assert.notEqual(radius, '0px', 'the studio\'s styles apply');

  await openSettings(studio);
  await studio.getByTestId('api-key').fill('test-key');
  // A region edit runs in the image worker with the pixel maths (banana-pixels): the outlined copy,
  // then the answer composited back.
  await studio.getByTestId('ref-input').setInputFiles([{ name: 'photo.png', mimeType: 'image/png', buffer: png(400, 300, [30, 160, 90], [200, 60, 40]) }]);
  await studio.getByTestId('ref-thumb').waitFor();
  await studio.getByTestId('ref-thumb').hover();
  await studio.getByTestId('ref-thumb').getByTestId('annotate').click();
  await studio.getByTestId('annotate-editor').waitFor();
  await studio.getByTestId('region-tool').click();
  await page.waitForFunction(() => document.querySelector('banana-studio').shadowRoot.querySelector('[data-testid=region-overlay]')?.width > 100);
  await studio.getByTestId('region-box').click();
  const b = await studio.getByTestId('region-overlay').boundingBox();
  await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.7, b.y + b.height * 0.7, { steps: 8 });
  await page.mouse.up();
  await studio.getByTestId('edit-region').click();
  // The original and the outlined copy.
  await page.waitForFunction(() => document.querySelector('banana-studio').shadowRoot.querySelectorAll('[data-testid=ref-thumb]').length === 2);
  await studio.getByTestId('prompt').fill('a red hat in the box');
  await studio.getByTestId('generate').click();
  const received = page.locator('[data-testid=host-received] img[data-from=element]');
  await received.first().waitFor();
  const got = await received.first().evaluate((i) => new Promise((r) => {
    const done = () => r({ w: i.naturalWidth, h: i.naturalHeight, alt: i.alt });
    i.complete && i.naturalWidth ? done() : (i.onload = done);
  }));
  assert.equal(got.alt, 'a red hat in the box', 'the event\'s detail carries the prompt');
  assert.deepEqual([got.w, got.h], [400, 300], 'the answer was put back over the original, at its size');
  // The image worker the bundler built (not the page doing the work itself, its fallback).
  assert.ok(workers.some((u) => u.startsWith(host.url)), `a worker from the build: ${workers}`);
  if (name === 'vite') {
    // Vite keeps the files' names: each one from its output.
    for (const [what, re] of [['the image worker', /\/assets\/shrink_worker-.+\.js$/], ['the pixel maths', /\/assets\/pixels-.+\.js$/], ['its wasm', /\/assets\/pixels_bg-.+\.wasm$/], ['the English table', /\/assets\/en-.+\.json$/], ['a chunk', /\/assets\/split_work-.+\.wasm$/]]) {
      assert.ok(loaded.some((u) => u.startsWith(host.url) && re.test(u)), `${what} from the build`);
    }
  }
  assert.deepEqual(problems, []);
});

test(`${name}: the element: the Chinese table, fetched from the build on first use`, async () => {
  const { page, problems } = await openExample(build);
  const studio = page.locator('banana-studio');
  await studio.getByTestId('prompt').waitFor();
  await openSettings(studio);
  await studio.getByTestId('language').selectOption('zh-CN');
  await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('banana-studio').shadowRoot.querySelector('[data-testid=generate]').textContent));
  assert.deepEqual(problems, []);
});

}

test('vite-react under Vite\'s dev server (its dependency pre-bundling), with no configuration either: the element and generate()', async () => {
  const dev = spawn(path.join(BUILDS.vite.dir, 'node_modules', '.bin', 'vite'), ['--host', '127.0.0.1', '--port', '0', '--force'], { cwd: BUILDS.vite.dir, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      dev.stdout.on('data', (d) => {
        out += d;
        const m = out.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/\S+)/);
        if (m) resolve(m[1]);
      });
      dev.on('exit', (code) => reject(new Error(`vite exited (${code}): ${out}`)));
    });
    const { page, problems } = await openExample({ host: { url } });
    await page.locator('banana-studio').getByTestId('prompt').waitFor();
    await page.getByTestId('host-key').fill('test-key');
    await page.getByTestId('host-prompt').fill('a banana while developing');
    await page.getByTestId('host-generate').click();
    await page.locator('[data-testid=host-received] img[data-from="generate()"]').first().waitFor();
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    dev.kill();
  }
});
