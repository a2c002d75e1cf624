// Trunk post-build step (last, from post-build.mjs): writes `sw.js`, the service worker that caches this build's app
// shell so the studio starts offline. Its version is a hash of every file it caches, so each build that
// changes anything is a new worker; the app offers the update and the new worker takes over only when
// the user reloads (see src/browser/pwa.js).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
const files = walk(dir)
  .map((f) => path.relative(dir, f).split(path.sep).join('/'))
  .filter((f) => f !== 'sw.js' && !f.startsWith('.'))
  .sort();
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
const version = hash.digest('hex').slice(0, 16);
const worker = `// Banana Studio's service worker, written by scripts/sw.mjs for one build. It serves the app shell
// from its cache (so the studio starts offline) and never touches requests to providers or other hosts.
const VERSION = '${version}';
const CACHE = 'banana-studio-' + VERSION;
const SHELL = ${JSON.stringify(['./', ...files], null, 2)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    // Files with a content hash in their names never change, so the copy the page just downloaded
    // will do; the others are fetched afresh.
    cache.addAll(SHELL.map((url) => new Request(url, { cache: /-[0-9a-f]{15,16}[._]/.test(url) ? 'default' : 'reload' })))));
});

// A new version waits until the page asks it to take over (the user chose to reload), so a page never
// runs half old, half new.
self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('banana-studio-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // Navigations get the app shell only for the app's own page; any other page of the site is not ours.
  const shellPage = url.pathname === scope.pathname || url.pathname === scope.pathname + 'index.html';
  if (request.mode === 'navigate' && !shellPage) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = request.mode === 'navigate'
      ? await cache.match('./')
      : await cache.match(request, { ignoreSearch: true });
    return hit || fetch(request);
  })());
});
`;
fs.writeFileSync(path.join(dir, 'sw.js'), worker);
console.log(`service worker written: ${files.length} files cached, version ${version}`);
