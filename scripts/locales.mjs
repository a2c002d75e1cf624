// Trunk post-build step (from post-build.mjs, before sw.mjs so the service worker keeps it): writes the
// translation tables beside the app as `zh-CN-<fingerprint>.json` and `en-<fingerprint>.json`, JSON
// arrays of texts in the order of the sorted `section.key` keys. The Chinese one is fetched the first
// time Chinese is used; the English one before the first chunk runs, for the sections the split main
// module leaves out (build.rs, src/locale/i18n.rs). The fingerprint (FNV-1a, 32 bits, of the sorted
// keys joined by newlines) is the one build.rs computes, so a table always matches the module asking.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';

/** `section.key` → text, sorted by key (as build.rs's BTreeMap sorts: the keys are ASCII). */
export function flat(name) {
  const json = JSON.parse(fs.readFileSync(path.join(root, 'locales', `${name}.json`), 'utf8'));
  const out = [];
  for (const [section, keys] of Object.entries(json)) {
    for (const [key, text] of Object.entries(keys)) out.push([`${section}.${key}`, text]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** FNV-1a, 32 bits, as 8 hex digits (the same as build.rs). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

// Chinese, and the whole English table (a split build compiles in only the first screen's English and
// fetches the rest with its first chunk).
for (const name of ['zh-CN', 'en']) {
  const entries = flat(name);
  const file = `${name}-${fnv1a(entries.map(([k]) => k).join('\n'))}.json`;
  for (const old of fs.readdirSync(dir).filter((f) => new RegExp(`^${name}-[0-9a-f]{8}\\.json$`).test(f))) fs.rmSync(path.join(dir, old));
  fs.writeFileSync(path.join(dir, file), JSON.stringify(entries.map(([, text]) => text)));
  console.log(`locales: ${file} (${entries.length} texts) written to ${dir}`);
}
