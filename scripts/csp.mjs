// Trunk post-build step (first, from post-build.mjs): writes the Content-Security-Policy into the built index.html, with the hash of
// each inline script Trunk generated (the loader), so no script runs that the build did not make.
// No 'unsafe-inline' or 'unsafe-eval'; 'wasm-unsafe-eval' lets the page compile its WebAssembly.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  // Results are shown from blob: URLs only.
  "img-src 'self' blob:",
  // The user picks the provider: any https endpoint, or a local/plain-http relay they run.
  "connect-src 'self' https: http:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
html = html.replace(/<meta charset="utf-8">/, (m) => `${m}\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
fs.writeFileSync(file, html);
console.log(`CSP written to ${file} (${hashes.length} inline script hash${hashes.length === 1 ? '' : 'es'})`);
