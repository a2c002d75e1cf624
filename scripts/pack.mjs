// Writes the npm package `banana-studio` from a release build (scripts/pack.sh runs it):
//   node scripts/pack.mjs DIST OUT   →  OUT/package/ (the package's files), then `npm pack` in OUT.
// The package holds the files the embedded studio loads (the module and its wasm, the split chunks and
// their loader, the snippets, the stylesheet, the translation tables, the image worker's pixel maths,
// the proxy scripts) and an entry, index.js, that names each of them as `new URL('./file',
// import.meta.url)`: the form Vite, webpack 5 and Rollup-based bundlers find, copy and rewrite.
// The types (npm/index.d.ts, npm/jsx.d.ts) and the README come from npm/.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
const out = path.resolve(process.argv[3] || path.join(ROOT, 'target', 'npm'));
const pkg = path.join(out, 'package');

const files = fs.readdirSync(dist);
const find = (re, what) => {
  const hit = files.filter((f) => re.test(f));
  if (!hit.length) throw new Error(`pack.mjs: no ${what} in ${dist} (run scripts/release.sh)`);
  return hit;
};
const [js] = find(/^banana-studio-[0-9a-f]+\.js$/, 'wasm-bindgen module');
const [wasm] = find(/^banana-studio-[0-9a-f]+_bg\.wasm$/, 'wasm file');
const [css] = find(/\.css$/, 'stylesheet');
const split = find(/^__wasm_split-[0-9a-f]+\.js$/, 'split loader');
const chunks = find(/^(chunk|split)_\w+-[0-9a-f]+\.wasm$/, 'split chunks');
const tables = find(/^(en|zh-CN)-[0-9a-f]+\.json$/, 'translation tables');
const pixels = ['pixels.js', 'pixels_bg.wasm'];
for (const f of pixels) if (!files.includes(f)) throw new Error(`pack.mjs: no ${f} in ${dist}`);
const proxies = fs.readdirSync(path.join(dist, 'proxy')).filter((f) => f.endsWith('.js')).map((f) => `proxy/${f}`);
const crate = fs.readdirSync(path.join(dist, 'snippets')).find((d) => d.startsWith('banana-studio-'));
const snippet = (file) => `./snippets/${crate}/src/${file}`;

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(pkg, { recursive: true });
for (const f of [js, wasm, css, ...split, ...chunks, ...tables, ...pixels, ...proxies]) {
  fs.mkdirSync(path.dirname(path.join(pkg, f)), { recursive: true });
  fs.copyFileSync(path.join(dist, f), path.join(pkg, f));
}
fs.cpSync(path.join(dist, 'snippets'), path.join(pkg, 'snippets'), { recursive: true });

const url = (f) => `new URL('./${f}', import.meta.url).href`;
const provided = [...tables, ...pixels, ...proxies].map((f) => `  '${f}': ${url(f)},`).join('\n');
fs.writeFileSync(path.join(pkg, 'index.js'), `// Banana Studio as an npm package (written by scripts/pack.sh from a release build).
//   import 'banana-studio';                                   defines <banana-studio>
//   import { generate, BananaStudioError } from 'banana-studio';   the JavaScript API
// Every file the studio loads is named here as new URL('./file', import.meta.url), so a bundler (Vite,
// webpack 5, Rollup-based) copies it and gives its URL; the module, the chunks' loader and the snippets
// are imported.
import init, { generate as run, defineElement } from './${js}';
import { provide } from '${snippet('browser/asset.js')}';
import { BananaStudioError } from '${snippet('embed/error.js')}';

export { BananaStudioError };

provide({
${provided}
  worker: () => new Worker(new URL('${snippet('browser/shrink_worker.js')}', import.meta.url), { type: 'module' }),
});

let ready = null;

/** Resolves once the module is loaded and <banana-studio> is defined; a failed load is tried again
 * on the next call. */
export function whenReady() {
  ready ??= init({ module_or_path: new URL('./${wasm}', import.meta.url) })
    .then(() => defineElement(${url(css)}))
    .catch((e) => {
      ready = null;
      throw e;
    });
  return ready;
}

whenReady().catch((e) => console.error('Banana Studio could not be loaded:', e));

/** Generates images (see the package's README): resolves to { images, text, usage, model }, rejects
 * with a BananaStudioError. */
export async function generate(options) {
  try {
    await whenReady();
  } catch (e) {
    throw new BananaStudioError(
      \`Banana Studio could not be loaded (\${e?.message ?? e}); check that the site serves the banana-studio package's files, then try again.\`,
      'not-loaded', null, true);
  }
  return run(options);
}
`);
fs.writeFileSync(path.join(pkg, 'jsx.js'), '// Types only: see jsx.d.ts.\nexport {};\n');
for (const f of ['index.d.ts', 'jsx.d.ts', 'README.md']) fs.copyFileSync(path.join(ROOT, 'npm', f), path.join(pkg, f));

const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))[1];
const manifest = {
  name: 'banana-studio',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './jsx': { types: './jsx.d.ts', default: './jsx.js' },
    './package.json': './package.json',
  },
  keywords: ['gemini', 'image-generation', 'nano-banana', 'web-component', 'custom-element', 'wasm'],
};
fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
const name = execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: pkg, encoding: 'utf8' }).trim().split('\n').pop();
console.log(path.join(out, name));
