// The build's own files beside the app (the fetched translation tables, the image worker's pixel maths,
// the proxy scripts), found from this snippet's own URL (…/snippets/<crate>/src/browser/asset.js), so
// the studio embedded in another page finds them on the host that serves it. A bundler (the npm
// package) moves and renames them: the package's entry gives each one's URL with `provide`.

const here = import.meta.url;
const at = here.lastIndexOf('/snippets/');
export const root = at >= 0 ? here.slice(0, at + 1) : new URL('./', here).href;

const given = {};

/** The URLs of the build's files where a bundler put them: `{ 'pixels.js': url, …, worker: () => Worker }`. */
export function provide(files) {
  Object.assign(given, files);
}

/** The URL of the build's file `name` (a path beside the app, e.g. `proxy/deno-deploy.js`). */
export function fileUrl(name) {
  return given[name] ?? new URL(name, root).href;
}

/** The image worker: the one the bundler built when the package's entry gave one, else `script`. */
export function startWorker(script) {
  return given.worker ? given.worker() : new Worker(script, { type: 'module' });
}

/** The JSON file `name` of the build, parsed; rejects when it cannot be downloaded. */
export async function fetchJson(name) {
  const response = await fetch(fileUrl(name), { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.json();
}
