// Trunk post-build step (from post-build.mjs): writes `banana-studio.js`, the one stable file other pages include to embed the
// studio. It loads the build's hashed module and wasm relative to itself (so it works from any host and
// sub-path), defines <banana-studio> with the build's stylesheet, and re-exports `generate`.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const files = fs.readdirSync(dir);
const find = (re, what) => {
  const hit = files.find((f) => re.test(f));
  if (!hit) throw new Error(`embed.mjs: no ${what} in ${dir}`);
  return hit;
};
const js = find(/^banana-studio-[0-9a-f]+\.js$/, 'wasm-bindgen module');
const wasm = find(/^banana-studio-[0-9a-f]+_bg\.wasm$/, 'wasm file');
const css = find(/\.css$/, 'stylesheet');
const crate = fs.readdirSync(path.join(dir, 'snippets')).find((d) => d.startsWith('banana-studio-'));
if (!crate) throw new Error(`embed.mjs: no snippets of the crate in ${dir}`);
const loader = `// Banana Studio, embedded. One tag defines the custom element:
//   <script type="module" src="https://…/banana-studio.js"></script>  …  <banana-studio></banana-studio>
// and the module gives the JavaScript API:  import { generate, BananaStudioError } from 'https://…/banana-studio.js';
import init, { generate as run, defineElement } from './${js}';
export { BananaStudioError } from './snippets/${crate}/src/embed/error.js';

const here = (file) => new URL(file, import.meta.url).href;
const ready = init({ module_or_path: here('./${wasm}') }).then(() => defineElement(here('./${css}')));
await ready;

/** Generates images (see the README's "JavaScript API"). Waits for the module itself: WebKit can hand
 * a second importer this module before its top-level await is over. */
export async function generate(options) {
  await ready;
  return run(options);
}
`;
fs.writeFileSync(path.join(dir, 'banana-studio.js'), loader);
console.log(`embed loader written to ${path.join(dir, 'banana-studio.js')} (${js})`);
