// The loopback test provider: the three dialects of ../shared/PROTOCOLS.md (the OpenAI-compatible one in
// provider_openai.mjs), with Google's CORS rules,
// strict request checks, and scenarios for every kind of answer a real provider or relay gives.
//
//   node e2e/provider.mjs [--port 8787]       run it alone (scripts/serve.sh --demo does this)
//   import { startProvider } from './provider.mjs'   in tests: scenarios, recorded requests
import http from 'node:http';
import { png, dims, colours } from './png.mjs';
import { CHAT_PATH, MODELS_PATH, handleChat, handleModels } from './provider_openai.mjs';

const ALLOWED_HEADERS = ['content-type', 'x-goog-api-key', 'x-goog-api-client', 'authorization'];
const FLASH_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '1:4', '4:1', '1:8', '8:1'];
const STANDARD_RATIOS = FLASH_RATIOS.slice(0, 10);
const SIZES = { '512': 512, '1K': 1024, '2K': 2048, '4K': 4096 };
const TASK_SIZES = { '0.5K': 512, '1K': 1024, '2K': 2048, '4K': 4096 };
const TASK_MODELS = ['gemini-3.1-flash-image-preview', 'gemini-3.1-flash-image-preview-official'];
const INPUT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];

/** A Google-style error answer. */
function googleError(code, status, message, details) {
  return { status: code, json: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

/** Scenario answers for the native dialect; each returns { status, json | body, headers, delay }. */
const NATIVE_SCENARIOS = {
  'http-400-key': () => googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
  ]),
  'http-401': () => ({ status: 401, json: { code: 401, msg: 'invalid token' } }),
  'http-402': () => ({ status: 402, json: { error: 'insufficient balance, please top up' } }),
  'http-403': () => googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
  'http-404': () => googleError(404, 'NOT_FOUND', 'models/nope is not found for API version v1beta'),
  'http-429': () => googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for requests per minute.', [
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '57.2s' },
  ]),
  // A short RetryInfo, so retry tests need not wait a minute.
  'http-429-soon': () => googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for requests per minute.', [
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' },
  ]),
  // A relay's overload answer with a Retry-After header it lets the browser read.
  'http-503-retry-after': () => ({ status: 503, json: { error: { code: 503, message: 'upstream busy', status: 'UNAVAILABLE' } }, headers: { 'retry-after': '1', 'access-control-expose-headers': 'retry-after' } }),
  // The bytes are a PNG; the declared type says JPEG.
  'mime-lies': () => ({ status: 200, json: answer([{ inlineData: { mimeType: 'image/jpeg', data: b64(png(48, 32, [10, 200, 10], [200, 10, 10])) } }, { text: 'A green and red one.' }]) }),
  'http-500': () => googleError(500, 'INTERNAL', 'An internal error has occurred.'),
  'http-502-html': () => ({ status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', type: 'text/html' }),
  'http-503-empty': () => ({ status: 503, body: '' }),
  'http-504': () => googleError(504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'),
  'empty-200': () => ({ status: 200, body: '' }),
  'html-200': () => ({ status: 200, body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>checking your browser</body></html>', type: 'text/html' }),
  'wrong-shape': () => ({ status: 200, json: { candidates: 'none', result: 42 } }),
  'blocked': () => ({ status: 200, json: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 } } }),
  'no-image': () => ({ status: 200, json: { candidates: [{ content: { role: 'model', parts: [{ text: 'I cannot create that image.' }] }, finishReason: 'IMAGE_SAFETY' }] } }),
  'invalid-base64': () => ({ status: 200, json: answer([{ inlineData: { mimeType: 'image/png', data: '!!!not-base64!!!' } }]) }),
  'svg': () => ({ status: 200, json: answer([{ inlineData: { mimeType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64') } }]) }),
  'html-as-image': () => ({ status: 200, json: answer([{ inlineData: { mimeType: 'image/png', data: Buffer.from('<html><body>not an image</body></html>').toString('base64') } }]) }),
};

function answer(parts, extra = {}) {
  return { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], ...extra };
}

function b64(buf) {
  return Buffer.from(buf).toString('base64');
}

/** Checks a native request body the way Google does; returns an error answer or null. */
function checkNative(model, body) {
  const bad = (m) => googleError(400, 'INVALID_ARGUMENT', m);
  if (!body || typeof body !== 'object' || !Array.isArray(body.contents) || body.contents.length === 0) {
    return bad('* GenerateContentRequest.contents: contents is not specified');
  }
  const mixed = (obj, camel, snake) => obj && typeof obj === 'object' && camel in obj && snake in obj;
  if (mixed(body, 'generationConfig', 'generation_config') || mixed(body, 'systemInstruction', 'system_instruction')) {
    return bad('Both camelCase and snake_case spellings of one field were sent');
  }
  for (const c of body.contents) {
    if (!['user', 'model', undefined].includes(c.role)) return bad(`Invalid role: ${c.role}`);
    if (!Array.isArray(c.parts) || c.parts.length === 0) return bad('contents.parts must not be empty');
    for (const p of c.parts) {
      if (mixed(p, 'inlineData', 'inline_data') || mixed(p, 'thoughtSignature', 'thought_signature')) return bad('Both spellings in one part');
      const blob = p.inlineData ?? p.inline_data;
      if (blob) {
        const mime = blob.mimeType ?? blob.mime_type;
        if (c.role !== 'model' && !INPUT_TYPES.includes(mime)) return bad(`Unsupported MIME type: ${mime}`);
        if (typeof blob.data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(blob.data)) return bad('Invalid base64 in inlineData.data');
      }
    }
  }
  const gc = body.generationConfig ?? body.generation_config ?? {};
  if ((gc.candidateCount ?? gc.candidate_count ?? 1) > 1) return bad('Multiple candidates is not enabled for this model');
  const ic = gc.imageConfig ?? gc.image_config ?? {};
  const lite = model.includes('flash-lite-image');
  const ratios = model.startsWith('gemini-3.1-flash-image') ? FLASH_RATIOS : STANDARD_RATIOS;
  const ratio = ic.aspectRatio ?? ic.aspect_ratio;
  if (ratio !== undefined && !ratios.includes(ratio)) return bad(`Unsupported aspect ratio: ${ratio}`);
  const size = ic.imageSize ?? ic.image_size;
  if (size !== undefined) {
    if (!(size in SIZES)) return bad(`Unsupported image size: ${size}`);
    if (lite && size !== '1K') return bad(`${model} supports 1K only`);
    if (size === '512' && !model.startsWith('gemini-3.1-flash-image')) return bad('512 is not supported by this model');
  }
  const mods = gc.responseModalities ?? gc.response_modalities ?? ['TEXT', 'IMAGE'];
  if (!Array.isArray(mods) || mods.some((m) => !['TEXT', 'IMAGE'].includes(m))) return bad('Invalid responseModalities');
  const tc = gc.thinkingConfig ?? gc.thinking_config;
  const level = tc && (tc.thinkingLevel ?? tc.thinking_level);
  if (level !== undefined && !['MINIMAL', 'HIGH'].includes(level)) return bad(`Invalid thinking level: ${level}`);
  return null;
}

/** Photo-sized images, made once per size (they take a second or two to draw). */
const PHOTOS = new Map();
function photo(w, h) {
  const key = `${w}x${h}`;
  if (!PHOTOS.has(key)) PHOTOS.set(key, png(w, h, [180, 140, 60], [40, 90, 160], { grain: 1 }));
  return PHOTOS.get(key);
}

/**
 * What the test provider draws for a native request (scenario `photo`: photo-sized files; `ignores-size`:
 * a 1024×1024 square whatever was asked, as relays that drop `imageConfig` answer).
 */
function nativeImage(model, body, scenario) {
  const gc = body.generationConfig ?? body.generation_config ?? {};
  const ic = gc.imageConfig ?? gc.image_config ?? {};
  const longEdge = SIZES[ic.imageSize ?? ic.image_size ?? '1K'];
  const [w, h] = scenario === 'ignores-size' ? [1024, 1024] : dims(ic.aspectRatio ?? ic.aspect_ratio, longEdge);
  const last = body.contents[body.contents.length - 1];
  const prompt = (last.parts.find((p) => typeof p.text === 'string') || {}).text || '';
  const [a, b] = colours(prompt + model);
  return { image: scenario === 'photo' ? photo(w, h) : png(w, h, a, b), prompt, w, h, gc };
}

export async function startProvider({ port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const state = {
    requests: [],
    preflights: [],
    queue: [],
    scenario: 'ok',
    delay: 0,
    tasks: new Map(),
    files: new Map(),
    inflight: 0,
    maxInflight: 0,
    // How it treats browsers (setCors): 'google' (its header list), 'none' (no CORS headers at all),
    // 'no-preflight' (answers carry them, preflights are refused), 'bearer-only' (the preflight allows
    // only content-type and authorization).
    cors: 'google',
  };
  let base = '';

  // A key of the form "scenario:NAME" picks the scenario for that request, so tests running inside the
  // browser (and people trying the demo) can see every kind of answer without access to this process.
  const nextScenario = (record) => {
    const k = record?.auth?.key || '';
    // The studio's CORS probes carry this stand-in for a key: they take no queued scenario.
    if (k === 'banana-studio-probe') return 'probe';
    const chosen = k.startsWith('scenario:') ? k.slice(9) : state.queue.length ? state.queue.shift() : state.scenario;
    if (record) record.scenario = chosen;
    return chosen;
  };

  function send(res, { status = 200, json, body, type, headers = {} }) {
    const payload = json !== undefined ? JSON.stringify(json) : body ?? '';
    res.writeHead(status, {
      ...(state.cors === 'none' ? {} : { 'access-control-allow-origin': '*' }),
      'content-type': json !== undefined ? 'application/json; charset=UTF-8' : type || 'text/plain',
      ...headers,
    });
    res.end(payload);
  }

  function keyOf(req, url) {
    if (req.headers['x-goog-api-key']) return { placement: 'header', key: req.headers['x-goog-api-key'] };
    const auth = req.headers.authorization || '';
    if (auth.startsWith('Bearer ')) return { placement: 'bearer', key: auth.slice(7) };
    if (url.searchParams.get('key')) return { placement: 'query', key: url.searchParams.get('key') };
    return { placement: 'none', key: '' };
  }

  async function handleNative(req, res, url, record, model, stream) {
    state.inflight += 1;
    state.maxInflight = Math.max(state.maxInflight, state.inflight);
    try {
      return await answerNative(req, res, url, record, model, stream);
    } finally {
      state.inflight -= 1;
    }
  }

  async function answerNative(req, res, url, record, model, stream) {
    // A request without a key (the studio's CORS probes) is refused before it takes a queued scenario.
    if (record.auth.placement === 'none') return send(res, googleError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers. Please use an API key.'));
    const scenario = nextScenario(record);
    if (state.delay || scenario === 'slow') await sleep(state.delay || 3000);
    if (record.auth.key === 'bad-key') return send(res, NATIVE_SCENARIOS['http-400-key']());
    if (record.json === undefined) return send(res, googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'));
    const invalid = checkNative(model, record.json);
    if (invalid) return send(res, invalid);
    if (NATIVE_SCENARIOS[scenario]) return send(res, NATIVE_SCENARIOS[scenario]());
    // The connection drops before any answer: what a flaky network or a crashed relay looks like.
    if (scenario === 'network-drop') return req.socket.destroy();
    // An answer that never ends: 100 MB of base64 inside an unfinished image part.
    if (scenario === 'huge') {
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
      res.write('{"candidates":[{"content":{"role":"model","parts":[{"inlineData":{"mimeType":"image/png","data":"');
      const block = Buffer.alloc(1 << 20, 'A');
      for (let i = 0; i < 100 && !res.destroyed; i++) {
        if (!res.write(block)) await new Promise((r) => res.once('drain', r).once('close', r));
      }
      return res.end('"}}]}}]}');
    }
    // A relay that only knows generateContent: its web server's plain 404 page for the streaming path.
    if (stream && scenario === 'no-stream') return send(res, { status: 404, body: '<html><head><title>404 Not Found</title></head><body>404 Not Found</body></html>', type: 'text/html' });
    if (scenario === 'truncated') {
      const full = JSON.stringify(answer([{ inlineData: { mimeType: 'image/png', data: b64(png(64, 64)) } }]));
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/json' });
      return res.end(full.slice(0, full.length >> 1));
    }
    const { image, w, h, gc } = nativeImage(model, record.json, scenario);
    const imageOnly = JSON.stringify(gc.responseModalities ?? gc.response_modalities ?? []) === '["IMAGE"]';
    const caption = scenario === 'html-caption'
      ? '<b>bold</b><img src=x onerror="window.pwned=1"> & more'
      : `Here is your ${w}×${h} image.`;
    const usage = { promptTokenCount: 36, candidatesTokenCount: 1290, totalTokenCount: 1326, candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 1290 }] };
    const signature = 'sig-' + b64(Buffer.from(`${model}:${state.requests.length}`));
    let parts;
    if (scenario === 'thoughts' || (gc.thinkingConfig ?? gc.thinking_config)?.includeThoughts) {
      parts = [
        { text: '**Sketching** the composition first.', thought: true },
        { inlineData: { mimeType: 'image/png', data: b64(png(64, 64, [200, 200, 200], [90, 90, 90])) }, thought: true },
        ...(imageOnly ? [] : [{ text: caption }]),
        { inlineData: { mimeType: 'image/png', data: b64(image) }, thoughtSignature: signature },
      ];
    } else if (scenario === 'text-data-uri') {
      parts = [{ text: `${caption}\n![image](data:image/png;base64,${b64(image)})` }];
    } else if (scenario === 'text-url') {
      const name = `url-${state.requests.length}.png`;
      state.files.set(name, image);
      parts = [{ text: `${caption}\n![image](${base}/files/${name})` }];
    } else {
      const [mimeType, data] = state.custom ? [state.custom.mime, state.custom.bytes] : ['image/png', image];
      parts = [...(imageOnly ? [] : [{ text: caption }]), { inlineData: { mimeType, data: b64(data) }, thoughtSignature: signature }];
    }
    let json = answer(parts, { usageMetadata: usage, modelVersion: model, responseId: `resp-${state.requests.length}` });
    if (scenario === 'grounding' || (record.json.tools || []).some((t) => t.googleSearch || t.google_search)) {
      json.candidates[0].groundingMetadata = {
        webSearchQueries: ['banana varieties'],
        groundingChunks: [{ web: { uri: `${base}/source/bananas`, title: 'All about bananas' } }],
      };
    }
    if (scenario === 'snake') json = snake(json);
    record.response = json;
    if (!stream) return send(res, { json });
    // Streaming: text in pieces, each image whole in one event, no [DONE].
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/event-stream' });
    const cand = json.candidates[0];
    for (const [i, p] of cand.content.parts.entries()) {
      const last = i === cand.content.parts.length - 1;
      const chunk = { candidates: [{ content: { role: 'model', parts: [p] }, ...(last ? { finishReason: 'STOP' } : {}) }], ...(last ? { usageMetadata: usage, modelVersion: model } : {}) };
      res.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
      await sleep(50);
    }
    res.end();
  }

  function handleTaskSubmit(req, res, record) {
    if (record.auth.placement !== 'bearer' || !record.auth.key) return send(res, { status: 401, json: { code: 401, msg: 'Missing or invalid Authorization: Bearer token' } });
    const scenario = nextScenario(record);
    if (record.auth.key === 'bad-key') return send(res, { status: 401, json: { code: 401, msg: 'invalid token' } });
    if (NATIVE_SCENARIOS[scenario] && scenario.startsWith('http-')) return send(res, NATIVE_SCENARIOS[scenario]());
    const b = record.json;
    const bad = (msg) => send(res, { status: 400, json: { code: 400, msg } });
    if (!b || typeof b !== 'object') return bad('invalid JSON body');
    if (!TASK_MODELS.includes(b.model)) return bad(`unsupported model: ${b.model}`);
    if (typeof b.prompt !== 'string' || !b.prompt.trim()) return bad('prompt is required');
    if (b.size !== undefined && b.size !== 'auto' && !FLASH_RATIOS.includes(b.size)) return bad(`unsupported size: ${b.size}`);
    if (b.resolution !== undefined && !(b.resolution in TASK_SIZES)) return bad(`unsupported resolution: ${b.resolution}`);
    if (b.n !== undefined && (!Number.isInteger(b.n) || b.n < 1 || b.n > 4)) return bad('n must be an integer from 1 to 4');
    if (b.google_image_search && !b.google_search) return bad('google_image_search requires google_search: true');
    const urls = b.image_urls ?? [];
    if (!Array.isArray(urls) || urls.length > 14) return bad('image_urls: at most 14 images');
    for (const u of urls) {
      const m = /^data:image\/(jpeg|png|webp);base64,([A-Za-z0-9+/]*={0,2})$/.exec(u);
      if (!m && !/^https?:\/\//.test(u)) return bad('image_urls: each must be an http(s) URL or a full data URI');
      if (m && Buffer.from(m[2], 'base64').length > 10 * 1000 * 1000) return bad('image_urls: a single image must not exceed 10MB');
    }
    const id = `task_${Date.now().toString(36)}${state.tasks.size}`;
    const [w, h] = dims(b.size, TASK_SIZES[b.resolution ?? '1K']);
    const [ca, cb] = colours(b.prompt + b.model);
    state.tasks.set(id, { polls: 0, scenario, n: b.n ?? 1, w, h, ca, cb });
    send(res, { json: { code: 200, data: [{ status: 'submitted', task_id: id }] } });
  }

  function handleTaskPoll(req, res, record, id) {
    if (record.auth.placement !== 'bearer' || !record.auth.key) return send(res, { status: 401, json: { code: 401, msg: 'Missing or invalid Authorization: Bearer token' } });
    const t = state.tasks.get(id);
    if (!t) return send(res, { status: 404, json: { code: 404, msg: `task ${id} not found` } });
    t.polls += 1;
    const now = Math.floor(Date.now() / 1000);
    const data = { id, status: 'processing', progress: Math.min(90, t.polls * 30), created: now - t.polls * 2, estimated_time: 10 };
    if (t.polls === 1) Object.assign(data, { status: 'pending', progress: 0 });
    if (t.scenario === 'task-never' ) Object.assign(data, { status: 'processing', progress: 50 });
    else if (t.polls >= 4) {
      if (t.scenario === 'task-failed') Object.assign(data, { status: 'failed', error: { message: 'upstream model overloaded' } });
      else if (t.scenario === 'task-cancelled') Object.assign(data, { status: 'cancelled' });
      else {
        const images = [];
        for (let i = 0; i < t.n; i++) {
          const name = `${id}_${i}.png`;
          if (t.scenario !== 'task-expired') state.files.set(name, png(t.w, t.h, t.ca, t.cb));
          // 'task-unreachable': the image is on a host nobody answers on.
          const url = t.scenario === 'task-unreachable' ? `http://127.0.0.1:9/files/${name}` : `${base}/files/${name}`;
          // `url` is a list in some answers and a string in others: give both forms.
          images.push({ url: i % 2 ? url : [url], expires_at: now + 3600 });
        }
        Object.assign(data, { status: 'completed', progress: 100, completed: now, actual_time: t.polls * 2, result: { images } });
      }
    }
    send(res, { json: { code: 200, data } });
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'OPTIONS') {
      const asked = (req.headers['access-control-request-headers'] || '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
      state.preflights.push({ path: url.pathname, headers: asked });
      const allowed = state.cors === 'bearer-only' ? ['content-type', 'authorization'] : ALLOWED_HEADERS;
      if (state.cors === 'none' || state.cors === 'no-preflight') {
        res.writeHead(state.cors === 'none' ? 404 : 405);
        return res.end();
      }
      if (asked.some((h) => !allowed.includes(h))) {
        res.writeHead(403);
        return res.end();
      }
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': allowed.join(', '),
        'access-control-max-age': '0',
      });
      return res.end();
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    let json;
    try { json = raw.length ? JSON.parse(raw.toString('utf8')) : undefined; } catch { json = undefined; }
    const record = {
      method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), search: url.search,
      headers: { ...req.headers }, body: raw.toString('utf8'), json, auth: keyOf(req, url), at: Date.now(),
    };
    if (url.pathname.startsWith('/files/')) {
      const f = state.files.get(url.pathname.slice(7));
      state.requests.push(record);
      return f ? send(res, { body: f, type: 'image/png' }) : send(res, { status: 404, body: 'expired' });
    }
    if (url.pathname === '/__health') return send(res, { json: { ok: true, provider: 'banana-studio-test-provider' } });
    state.requests.push(record);
    const native = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(url.pathname);
    try {
      if (native && req.method === 'POST') {
        const stream = native[2] === 'streamGenerateContent';
        if (stream && url.searchParams.get('alt') !== 'sse') return send(res, googleError(400, 'INVALID_ARGUMENT', 'streaming needs alt=sse'));
        return await handleNative(req, res, url, record, decodeURIComponent(native[1]), stream);
      }
      if (url.pathname === '/v1/images/generations' && req.method === 'POST') return handleTaskSubmit(req, res, record);
      const chat = { send, record, files: state.files, base, sleep };
      if (CHAT_PATH.test(url.pathname) && req.method === 'POST') {
        state.inflight += 1;
        state.maxInflight = Math.max(state.maxInflight, state.inflight);
        try {
          // A request without a key (the studio's CORS probes) takes no queued scenario.
          const keyless = record.auth.placement !== 'bearer' || !record.auth.key;
          return await handleChat(res, { ...chat, scenario: keyless ? 'ok' : nextScenario(record) });
        } finally {
          state.inflight -= 1;
        }
      }
      if (MODELS_PATH.test(url.pathname) && req.method === 'GET') return handleModels(res, chat);
      // Google's model list (what "Test connection" asks a native provider for).
      if (url.pathname === '/v1beta/models' && req.method === 'GET') {
        if (record.auth.placement === 'none') return send(res, googleError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers. Please use an API key.'));
        if (record.auth.key === 'bad-key') return send(res, NATIVE_SCENARIOS['http-400-key']());
        const names = ['gemini-3.1-flash-image', 'gemini-3.1-flash-lite-image', 'gemini-3.1-flash-image-preview', 'gemini-3-pro-image-preview', 'gemini-2.5-flash-image'];
        return send(res, { json: { models: names.map((n) => ({ name: `models/${n}`, supportedGenerationMethods: ['generateContent'] })) } });
      }
      const poll = /^\/v1\/tasks\/([^/]+)$/.exec(url.pathname);
      if (poll && req.method === 'GET') return handleTaskPoll(req, res, record, decodeURIComponent(poll[1]));
      send(res, googleError(404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}`));
    } catch (e) {
      if (!quiet) console.error(e);
      send(res, googleError(500, 'INTERNAL', 'test provider failure'));
    }
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  base = `http://${host}:${server.address().port}`;
  return {
    url: base,
    requests: state.requests,
    preflights: state.preflights,
    /** How it answers browsers from now on: 'google', 'none', 'no-preflight' or 'bearer-only' (see `state.cors`). */
    setCors(mode) { state.cors = mode; },
    /** Every following request answers with `name` (see NATIVE_SCENARIOS, 'ok', 'slow', 'thoughts', ...). */
    setScenario(name, { delay = 0 } = {}) { state.scenario = name; state.delay = delay; },
    /** The next requests take these scenarios in order, then the default again. */
    queue(...names) { state.queue.push(...names); },
    /** The most native requests that were being answered at once since the last reset. */
    get maxInflight() { return state.maxInflight; },
    /** Plain answers carry these image bytes (a JPEG or WebP the test made) until the next reset. */
    answerWith(bytes, mime) { state.custom = { bytes: Buffer.from(bytes), mime }; },
    reset() { state.cors = 'google'; state.custom = null; state.maxInflight = 0; state.requests.length = 0; state.preflights.length = 0; state.queue.length = 0; state.scenario = 'ok'; state.delay = 0; },
    close() { return new Promise((r) => { server.closeAllConnections?.(); server.close(r); }); },
  };
}

function snake(v) {
  if (Array.isArray(v)) return v.map(snake);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), snake(x)]));
  return v;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--port');
  const p = await startProvider({ port: i > 0 ? Number(process.argv[i + 1]) : 8787, quiet: false });
  console.log(`Banana Studio test provider listening on ${p.url} (both dialects; any key works except "bad-key")`);
}
