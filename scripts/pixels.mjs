// Trunk post-build step: the image worker's pixel maths, the `banana-pixels` crate (pixels/) built with
// its `worker` feature, written beside the app as pixels.js + pixels_bg.wasm. The image worker
// (src/browser/shrink_worker.js) loads them on the first region edit; nothing else does, so they add
// nothing to the first load.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stage = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!stage) throw new Error('pixels.mjs: run as a Trunk hook (TRUNK_STAGING_DIR) or pass the staging dir');
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
const tool = (name, ...candidates) => candidates.find((c) => c && fs.existsSync(c)) ?? name;
const wasmBindgen = tool('wasm-bindgen', path.join(os.homedir(), '.cargo', 'bin', 'wasm-bindgen'));
const wasmOpt = tool('wasm-opt', path.join(root, 'node_modules', '.bin', 'wasm-opt'));

execFileSync('cargo', ['build', '--quiet', '-p', 'banana-pixels', '--features', 'worker', '--target',
  'wasm32-unknown-unknown', ...(release ? ['--release'] : [])], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const built = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'banana_pixels.wasm');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pixels-'));
try {
  execFileSync(wasmBindgen, ['--target', 'web', '--no-typescript', '--out-dir', tmp, '--out-name', 'pixels', built],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  const wasm = path.join(tmp, 'pixels_bg.wasm');
  if (release) {
    execFileSync(wasmOpt, ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', wasm, '-o', wasm], { stdio: ['ignore', 'ignore', 'ignore'] });
  }
  fs.copyFileSync(path.join(tmp, 'pixels.js'), path.join(stage, 'pixels.js'));
  fs.copyFileSync(wasm, path.join(stage, 'pixels_bg.wasm'));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
