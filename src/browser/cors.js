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

/** [reachable, allowsOrigin, preflightPasses, keyHeaderPasses] for `url`; `keyHeader` is the header
 * that carries the key, or '' when it goes in the query. */
export async function probe(url, keyHeader) {
  const json = { 'content-type': 'application/json' };
  const dummy = keyHeader === 'authorization' ? 'Bearer banana-studio-probe' : 'banana-studio-probe';
  return Promise.all([
    ask(url, { mode: 'no-cors' }),
    ask(url, { mode: 'cors' }),
    ask(url, { mode: 'cors', method: 'POST', headers: json, body: '{}' }),
    keyHeader ? ask(url, { mode: 'cors', method: 'POST', headers: { ...json, [keyHeader]: dummy }, body: '{}' }) : true,
  ]);
}

export function pageUrl() {
  return globalThis.location ? globalThis.location.href : '';
}

export function pageOrigin() {
  return globalThis.location ? globalThis.location.origin : '';
}
