// Trunk post-build step (first, from post-build.mjs): splits the wasm module, so the first screen loads
// only what it needs and the rest comes in chunks on first use (see src/browser/chunks.rs, src/ui/lazy.rs).
//
// Trunk cannot split (trunk-rs/trunk#1022): it runs cargo → wasm-bindgen → wasm-opt with no step in
// between. So this redoes the last two on the raw cargo output, as cargo-leptos does with `--split`:
//   1. wasm-split-cli (crates.io `wasm_split_cli_support`, pinned in scripts/setup.sh) cuts the raw module
//      (linked with --emit-relocs, .cargo/config.toml) into the main module, `split_*`/`chunk_*` modules
//      and `__wasm_split.js`, their loader;
//   2. wasm-bindgen --keep-lld-exports on the main module, replacing Trunk's staged JS and wasm;
//   3. wasm-opt -Oz on every module, and terser (pinned in package.json) on the JS glue and snippets
//      (release);
//   4. names: each chunk and the loader get a content hash in their file names, every chunk is fetched
//      with its SRI hash (and low priority: the app fetches them at idle), the loader is listed in
//      index.html as a modulepreload with its hash, and the hashes of the replaced main files are
//      recomputed there.
// A module built without the `split` feature has no split points and is left as Trunk made it; one
// that has them is always split (it imports `__wasm_split_placeholder__`, which no browser resolves).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify_sync as minify } from 'terser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = process.env.TRUNK_STAGING_DIR || process.argv[2];
const sourceDir = process.env.TRUNK_SOURCE_DIR || process.cwd();
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
if (!stage) throw new Error('split.mjs: run as a Trunk hook (TRUNK_STAGING_DIR) or pass the staging dir');

const tool = (name, ...candidates) => {
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return name; // from PATH
};
const cargoBin = path.join(os.homedir(), '.cargo', 'bin');
const wasmSplit = tool('wasm-split-cli', path.join(cargoBin, 'wasm-split-cli'));
const wasmBindgen = tool('wasm-bindgen', path.join(cargoBin, 'wasm-bindgen'));
const wasmOpt = tool('wasm-opt', path.join(root, 'node_modules', '.bin', 'wasm-opt'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

// The staged module Trunk made: NAME-HASH.js and NAME-HASH_bg.wasm. Trunk writes its hash without
// leading zeros, so it has 16 hex digits or (one build in sixteen) fewer.
const staged = fs.readdirSync(stage);
const js = staged.find((f) => /^[\w-]+-[0-9a-f]{1,16}\.js$/.test(f));
if (!js) throw new Error(`split.mjs: no wasm-bindgen module in ${stage}`);
const stem = js.slice(0, -3);
const bin = stem.replace(/-[0-9a-f]{1,16}$/, '');

const meta = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline',
  '--manifest-path', path.join(sourceDir, 'Cargo.toml')]).toString());
const raw = path.join(meta.target_directory, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${bin}.wasm`);
if (fs.readFileSync(raw).includes('__wasm_split_placeholder__')) split();
else console.log(`split: ${bin}.wasm has no split points (built without the "split" feature); left as it is`);

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function split() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banana-split-'));
  try {
    // 1. Split.
    run(wasmSplit, ['--target', 'web', '--out-name', stem, raw, path.join(tmp, 'split')]);
    // 2. Bind the main module (the chunks share its memory and table through the loader).
    run(wasmBindgen, ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
      '--out-name', stem, '--out-dir', path.join(tmp, 'bg'), path.join(tmp, 'split', `${stem}.wasm`)]);
    fs.copyFileSync(path.join(tmp, 'bg', `${stem}.js`), path.join(stage, `${stem}.js`));
    fs.copyFileSync(path.join(tmp, 'bg', `${stem}_bg.wasm`), path.join(stage, `${stem}_bg.wasm`));
    if (fs.existsSync(path.join(tmp, 'bg', 'snippets'))) {
      fs.cpSync(path.join(tmp, 'bg', 'snippets'), path.join(stage, 'snippets'), { recursive: true });
    }
    const chunks = fs.readdirSync(path.join(tmp, 'split')).filter((f) => /^(chunk|split)_.*\.wasm$/.test(f));
    for (const c of chunks) fs.copyFileSync(path.join(tmp, 'split', c), path.join(stage, c));

    // 3. Optimize every module for size (Trunk does the same for the unsplit one).
    if (release) {
      const features = ['bulk-memory', 'nontrapping-float-to-int', 'reference-types', 'sign-ext',
        'mutable-globals', 'multivalue'].map((f) => `--enable-${f}`);
      // BANANA_NAMED=dir keeps a copy of the main module optimized the same way with its function names,
      // for `twiggy top|dominators` (docs/benchmarks.md).
      if (process.env.BANANA_NAMED) {
        fs.mkdirSync(process.env.BANANA_NAMED, { recursive: true });
        execFileSync(wasmOpt, ['-Oz', '-g', ...features, path.join(stage, `${stem}_bg.wasm`), '-o',
          path.join(process.env.BANANA_NAMED, 'main.wasm')], { stdio: ['ignore', 'ignore', 'ignore'] });
      }
      for (const f of [`${stem}_bg.wasm`, ...chunks]) {
        const file = path.join(stage, f);
        execFileSync(wasmOpt, ['-Oz', ...features, file, '-o', file], { stdio: ['ignore', 'ignore', 'ignore'] });
      }
      // The glue and the snippets load before the first screen: minified (names of exports and imports
      // kept, as ES modules).
      const snippets = path.join(stage, 'snippets');
      const scripts = [path.join(stage, `${stem}.js`),
        ...(fs.existsSync(snippets) ? walk(snippets).filter((f) => f.endsWith('.js')) : [])];
      for (const file of scripts) {
        // Bundlers' magic comments stay (a runtime URL the bundler must leave alone, shrink_worker.js).
        const { code } = minify(fs.readFileSync(file, 'utf8'), { module: true, compress: { passes: 2 }, mangle: true,
          format: { comments: /@vite-ignore|webpackIgnore/ } });
        fs.writeFileSync(file, code);
      }
    }

    // 4. Content-hashed names, SRI everywhere.
    const digest = (bytes, alg, n) => crypto.createHash(alg).update(bytes).digest(n ? 'hex' : 'base64').slice(0, n);
    const sri = (bytes) => `sha384-${digest(bytes, 'sha384')}`;
    let loader = fs.readFileSync(path.join(tmp, 'split', '__wasm_split.js'), 'utf8');
    for (const c of chunks) {
      const bytes = fs.readFileSync(path.join(stage, c));
      const named = `${c.slice(0, -5)}-${digest(bytes, 'sha256', 16)}.wasm`;
      fs.renameSync(path.join(stage, c), path.join(stage, named));
      const before = loader;
      loader = loader.replaceAll(`fetch(new URL("./${c}", import.meta.url))`,
        `fetch(new URL("./${named}", import.meta.url), { integrity: "${sri(bytes)}", priority: "low" })`);
      if (loader === before) throw new Error(`split.mjs: the loader does not fetch ${c} as expected`);
    }
    const loaderName = `__wasm_split-${digest(Buffer.from(loader), 'sha256', 16)}.js`;
    fs.writeFileSync(path.join(stage, loaderName), loader);
    const mainJs = path.join(stage, `${stem}.js`);
    const glue = fs.readFileSync(mainJs, 'utf8');
    // Only the import specifiers: the keys of the wasm's import object keep the module's own name.
    const relinked = glue.replace(/(from\s*)(["'])\.\/__wasm_split\.js\2/g, `$1$2./${loaderName}$2`);
    if (relinked === glue) throw new Error('split.mjs: the main module does not import __wasm_split.js');
    fs.writeFileSync(mainJs, relinked);

    const indexFile = path.join(stage, 'index.html');
    let html = fs.readFileSync(indexFile, 'utf8');
    html = html.replace(/<link([^>]*?)href="([^"]+)"([^>]*?)integrity="[^"]*"/g, (m, a, href, b) => {
      const file = path.join(stage, href.replace(/^\.\//, ''));
      if (!fs.existsSync(file)) return m;
      return `<link${a}href="${href}"${b}integrity="${sri(fs.readFileSync(file))}"`;
    });
    const preload = `<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous" integrity="${sri(Buffer.from(loader))}">`;
    html = html.replace(/(<link rel="modulepreload"[^>]*>)/, `$1\n${preload}`);
    if (!html.includes(loaderName)) throw new Error('split.mjs: index.html has no modulepreload to put the loader beside');
    fs.writeFileSync(indexFile, html);

    const size = (f) => fs.existsSync(f) ? `${(fs.statSync(f).size / 1024).toFixed(0)} KB` : '?';
    console.log(`split: ${bin} → main ${size(path.join(stage, `${stem}_bg.wasm`))} + ${chunks.length} chunks (${release ? 'optimized' : 'debug'})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
