// The first-load guard: the main wasm module's size (gzip -9, node's zlib) against the figure recorded in
// bench/main-module.json. It fails when the main module has grown more than `allowance` bytes past that
// figure, so no feature creeps back onto the start path unnoticed: move the new code into a chunk (see
// ARCHITECTURE.md, "What starts with the page"), or, if it must be there, record the new figure on purpose.
//
//   node scripts/main-size.mjs            check dist/ (scripts/test.sh runs this after the release build)
//   node scripts/main-size.mjs --record   write the current figure into bench/main-module.json
//   APP_DIST=… node scripts/main-size.mjs another build
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIST = path.resolve(process.env.APP_DIST || path.join(ROOT, 'dist'));
const RECORD = path.join(ROOT, 'bench', 'main-module.json');

/** The main module of a build: `banana-studio-<hash>_bg.wasm`, and its gzip -9 size. */
export function mainModule(dist = DIST) {
  const file = fs.readdirSync(dist).find((f) => /^banana-studio-[0-9a-f]{1,16}_bg\.wasm$/.test(f));
  if (!file) throw new Error(`no main module in ${dist}: run the release build first (scripts/test.sh build)`);
  const bytes = fs.readFileSync(path.join(dist, file));
  return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const now = mainModule();
  const recorded = JSON.parse(fs.readFileSync(RECORD, 'utf8'));
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  if (process.argv.includes('--record')) {
    fs.writeFileSync(RECORD, `${JSON.stringify({ ...recorded, gzip: now.gzip }, null, 2)}\n`);
    console.log(`main module: ${kb(now.gzip)} gzip recorded in bench/main-module.json (was ${kb(recorded.gzip)})`);
  } else {
    const limit = recorded.gzip + recorded.allowance;
    console.log(`main module: ${kb(now.gzip)} gzip (${kb(now.raw)} raw); recorded ${kb(recorded.gzip)}, limit ${kb(limit)}`);
    if (now.gzip > limit) {
      console.error(`The main module grew ${kb(now.gzip - recorded.gzip)} past the recorded ${kb(recorded.gzip)} `
        + `(allowed: ${kb(recorded.allowance)}). Something the first screen reaches pulled code onto the start `
        + 'path: move it into a chunk (ARCHITECTURE.md, "What starts with the page"), or record the new figure on '
        + 'purpose with `node scripts/main-size.mjs --record` and say why in docs/benchmarks.md.');
      process.exit(1);
    }
  }
}
