// Runs the project's own CORS proxy scripts (proxy/*.js, as the README and the studio's "Copy" buttons
// give them) on loopback: the Cloudflare Worker's `fetch` handler or the Deno Deploy script's
// `Deno.serve` handler, filled in like the studio fills them, behind a small Node HTTP adapter.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Starts `script` ('cloudflare-worker' or 'deno-deploy') forwarding to `target` for pages at `origin`. */
export async function startProxy(script, { target, origin }) {
  const template = fs.readFileSync(path.join(ROOT, 'proxy', `${script}.js`), 'utf8');
  const filled = template.replaceAll('__TARGET_ORIGIN__', target).replaceAll('__ALLOWED_ORIGIN__', origin);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'banana-proxy-')), `${script}.mjs`);
  fs.writeFileSync(file, filled);
  let handler;
  if (script === 'deno-deploy') {
    const previous = globalThis.Deno;
    globalThis.Deno = { serve(h) { handler = h; } };
    await import(file);
    globalThis.Deno = previous;
  } else {
    handler = (await import(file)).default.fetch;
  }
  const seen = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : body });
    seen.push({ method: req.method, url: req.url, origin: req.headers.origin });
    let answer;
    try {
      answer = await handler(request);
    } catch (e) {
      res.writeHead(502);
      return res.end(String(e));
    }
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (!answer.body) return res.end();
    for await (const piece of answer.body) res.write(piece);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); fs.rmSync(path.dirname(file), { recursive: true, force: true }); }),
  };
}
