// The build's own files beside the app (the fetched translation table), found from this snippet's own
// URL (…/snippets/<crate>/src/browser/asset.js), so the studio embedded in another page finds them on
// the host that serves it.
export const root = import.meta.url.slice(0, import.meta.url.lastIndexOf('/snippets/') + 1);

/** The JSON file `name` of the build, parsed; rejects when it cannot be downloaded. */
export async function fetchJson(name) {
  const response = await fetch(new URL(name, root), { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.json();
}
