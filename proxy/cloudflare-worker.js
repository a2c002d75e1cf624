// Banana Studio CORS proxy for Cloudflare Workers: forwards requests from your studio page to one
// provider, adding the CORS headers the provider does not send. Deploy it under your own account
// (Workers → Create → paste this), then put its URL into the studio's "CORS proxy" field.
// The proxy sees your API key as it passes: run only a proxy you own.
const TARGET_ORIGIN = '__TARGET_ORIGIN__'; // the only provider it forwards to, e.g. 'https://relay.example.com'
const ALLOWED_ORIGIN = '__ALLOWED_ORIGIN__'; // the only page it answers, e.g. 'https://you.github.io'
const FORWARDED = ['authorization', 'content-type', 'x-goog-api-key', 'x-goog-api-client', 'accept'];

export default {
  async fetch(request) {
    const origin = request.headers.get('origin');
    if (origin !== ALLOWED_ORIGIN) return new Response('origin not allowed', { status: 403 });
    const cors = { 'access-control-allow-origin': origin, vary: 'origin' };
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { ...cors,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': FORWARDED.join(', '),
        'access-control-max-age': '86400' } });
    }
    // The target is the rest of the path: https://proxy.example/https://relay.example.com/v1/...
    const url = new URL(request.url);
    let target;
    try { target = new URL(url.pathname.slice(1) + url.search); } catch { target = null; }
    if (!target || target.origin !== new URL(TARGET_ORIGIN).origin) {
      return new Response('target not allowed', { status: 403, headers: cors });
    }
    const headers = new Headers();
    for (const name of FORWARDED) if (request.headers.has(name)) headers.set(name, request.headers.get(name));
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const answer = await fetch(target, { method: request.method, headers, body, redirect: 'manual' });
    const out = new Response(answer.body, answer);
    for (const [k, v] of Object.entries(cors)) out.headers.set(k, v);
    out.headers.set('access-control-expose-headers', 'retry-after');
    // The body was decompressed on the way in.
    out.headers.delete('content-encoding');
    out.headers.delete('content-length');
    return out;
  },
};
