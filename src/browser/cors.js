// The four questions asked of a host after a network error (protocol::cors::Probe): each without the
// key (a dummy value stands in for it), cookies or referrer, and given up after a few seconds.
async function ask(url, init) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), 8000);
  try {
    await fetch(url, { ...init, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', signal: stop.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** [reachable, allowsOrigin, preflightPasses, keyHeaderPasses] for a `method` request to `url`;
 * `keyHeader` is the header that carries the key, or '' when it goes in the query. Each probe has the
 * failed request's shape (a JSON POST, or a plain GET) without its key. */
export async function probe(url, method, keyHeader) {
  const post = method === 'POST';
  const shape = post ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' } : { method: 'GET', headers: {} };
  const dummy = keyHeader === 'authorization' ? 'Bearer banana-studio-probe' : 'banana-studio-probe';
  const [reachable, allowsOrigin, preflight, keyHeaderPasses] = await Promise.all([
    ask(url, { mode: 'no-cors' }),
    ask(url, { mode: 'cors' }),
    post ? ask(url, { mode: 'cors', ...shape }) : true,
    keyHeader ? ask(url, { mode: 'cors', ...shape, headers: { ...shape.headers, [keyHeader]: dummy } }) : true,
  ]);
  // For a GET, the plain GET is the failed request's shape.
  return [reachable, allowsOrigin, post ? preflight : allowsOrigin, keyHeaderPasses];
}

export function pageUrl() {
  return globalThis.location ? globalThis.location.href : '';
}

export function pageOrigin() {
  return globalThis.location ? globalThis.location.origin : '';
}
