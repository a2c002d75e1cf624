// The test provider's OpenAI-compatible side (../shared/PROTOCOLS.md, "OpenAI-compatible chat
// completions"): `POST …/v1/chat/completions` as OpenRouter documents it, strictly checked, answered with
// data URIs (or links, or camelCase, by scenario), streamed as SSE when asked; `GET …/v1/models`.
import { png, dims, colours } from './png.mjs';

const FLASH_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', '1:4', '4:1', '1:8', '8:1'];
const STANDARD_RATIOS = FLASH_RATIOS.slice(0, 10);
const SIZES = { '0.5K': 512, '1K': 1024, '2K': 2048, '4K': 4096 };
/** The image models this relay serves (OpenRouter's ids). */
export const OPENAI_MODELS = [
  'google/gemini-3.1-flash-image-preview', 'google/gemini-3.1-flash-image', 'google/gemini-3.1-flash-lite-image',
  'google/gemini-3-pro-image-preview', 'google/gemini-2.5-flash-image',
];
export const CHAT_PATH = /^(\/api)?\/v1\/chat\/completions$/;
export const MODELS_PATH = /^(\/api)?\/v1\/models$/;

/** An OpenRouter-style error answer. */
export function openaiError(code, message, metadata) {
  return { status: code, json: { error: { code, message, ...(metadata ? { metadata } : {}) } } };
}

const SCENARIOS = {
  'http-402': () => openaiError(402, 'Insufficient credits. Add more using https://openrouter.ai/credits'),
  'http-429-soon': () => ({ ...openaiError(429, 'Rate limit exceeded: free-models-per-min'), headers: { 'retry-after': '1', 'access-control-expose-headers': 'retry-after' } }),
  'no-image': () => ({ status: 200, json: { choices: [{ message: { role: 'assistant', content: 'I cannot create that image.' }, finish_reason: 'content_filter', native_finish_reason: 'IMAGE_SAFETY' }] } }),
};

/** Checks a chat-completions body as the documents describe it; returns an error answer or null. */
function check(b) {
  const bad = (m) => openaiError(400, m);
  if (!b || typeof b !== 'object') return bad('Invalid JSON body');
  if (!OPENAI_MODELS.includes(b.model)) return bad(`${b.model} is not a valid model ID`);
  if (!Array.isArray(b.messages) || b.messages.length === 0) return bad('messages: at least one message is required');
  for (const m of b.messages) {
    if (!['user', 'assistant', 'system'].includes(m.role)) return bad(`messages: invalid role ${m.role}`);
    const parts = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    if (!Array.isArray(parts)) return bad('messages: content must be a string or an array of parts');
    for (const p of parts) {
      if (p.type === 'text' && typeof p.text === 'string') continue;
      if (p.type !== 'image_url' || !p.image_url || typeof p.image_url.url !== 'string') return bad(`messages: invalid content part ${JSON.stringify(p).slice(0, 60)}`);
      if (m.role !== 'user') return bad('messages: only user messages take image_url parts');
      const u = p.image_url.url;
      if (!/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]*={0,2}$/.test(u) && !/^https?:\/\//.test(u)) return bad('image_url.url must be a data URI or a URL');
    }
    for (const i of m.images ?? []) {
      if (m.role !== 'assistant' || i.type !== 'image_url' || !/^data:image\/|^https?:\/\//.test(i.image_url?.url ?? '')) return bad('messages: invalid images entry');
    }
  }
  if (b.messages[b.messages.length - 1].role !== 'user') return bad('messages: the last message must be the user\'s');
  const mods = b.modalities;
  if (!Array.isArray(mods) || !mods.includes('image') || mods.some((m) => !['image', 'text'].includes(m))) return bad('modalities must include "image" (and may include "text")');
  if ('imageConfig' in b) return bad('Unknown field imageConfig (did you mean image_config?)');
  const ic = b.image_config ?? {};
  const model = b.model.slice('google/'.length);
  const ratios = model.startsWith('gemini-3.1-flash-image') ? FLASH_RATIOS : STANDARD_RATIOS;
  if (ic.aspect_ratio !== undefined && !ratios.includes(ic.aspect_ratio)) return bad(`image_config.aspect_ratio ${ic.aspect_ratio} is not supported`);
  if (ic.image_size !== undefined) {
    if (!(ic.image_size in SIZES)) return bad(`image_config.image_size ${ic.image_size} is not supported`);
    if (model.includes('flash-lite-image') && ic.image_size !== '1K') return bad(`${b.model} supports 1K only`);
    if (model.startsWith('gemini-2.5')) return bad(`${b.model} does not take image_size`);
  }
  if (b.stream !== undefined && typeof b.stream !== 'boolean') return bad('stream must be a boolean');
  return null;
}

/**
 * Answers one chat-completions request. `ctx`: { send, scenario, record, files, base, sleep }.
 */
export async function handleChat(res, ctx) {
  const { send, scenario, record, files, base, sleep } = ctx;
  if (record.auth.placement !== 'bearer' || !record.auth.key) return send(res, openaiError(401, 'No auth credentials found'));
  if (record.auth.key === 'bad-key') return send(res, openaiError(401, 'User not found.'));
  if (record.json === undefined) return send(res, openaiError(400, 'Invalid JSON body'));
  const invalid = check(record.json);
  if (invalid) return send(res, invalid);
  if (SCENARIOS[scenario]) return send(res, SCENARIOS[scenario]());
  const b = record.json;
  const ic = b.image_config ?? {};
  const [w, h] = scenario === 'ignores-size' ? [1024, 1024] : dims(ic.aspect_ratio, SIZES[ic.image_size ?? '1K']);
  const last = b.messages[b.messages.length - 1];
  const prompt = typeof last.content === 'string' ? last.content : (last.content.find((p) => p.type === 'text') || {}).text || '';
  const [ca, cb] = colours(prompt + b.model);
  const image = png(w, h, ca, cb);
  let url = `data:image/png;base64,${Buffer.from(image).toString('base64')}`;
  if (scenario === 'url' || scenario === 'url-expired') {
    const name = `chat-${record.at}-${Math.random().toString(36).slice(2)}.png`;
    if (scenario === 'url') files.set(name, image);
    url = `${base}/files/${name}`;
  }
  const text = `Here is your ${w}×${h} image.`;
  const usage = { prompt_tokens: 36, completion_tokens: 1300, total_tokens: 1336, completion_tokens_details: { image_tokens: 1290 } };
  const id = `gen-${record.at}`;
  let json = {
    id, object: 'chat.completion', created: Math.floor(record.at / 1000), model: b.model,
    choices: [{ index: 0, finish_reason: 'stop', native_finish_reason: 'STOP', message: scenario === 'content-parts'
      ? { role: 'assistant', content: [{ type: 'text', text }, { type: 'image_url', image_url: { url } }] }
      : { role: 'assistant', content: text, images: [{ type: 'image_url', image_url: { url } }] } }],
    usage,
  };
  if (scenario === 'camel') json = camel(json);
  record.response = json;
  if (!b.stream || scenario === 'no-stream') return send(res, { json });
  // Streaming (SSE): the role, the text in two pieces, the image, then the finish with usage, then [DONE].
  res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/event-stream' });
  const chunk = (delta, extra = {}) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', model: b.model, choices: [{ index: 0, delta, ...extra }] })}\n\n`;
  res.write(': OPENROUTER PROCESSING\n\n');
  res.write(chunk({ role: 'assistant', content: '' }));
  await sleep(50);
  res.write(chunk({ content: text.slice(0, 8) }));
  res.write(chunk({ content: text.slice(8) }));
  await sleep(50);
  res.write(chunk({ images: [{ type: 'image_url', image_url: { url } }] }));
  await sleep(300);
  res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', model: b.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'STOP' }], usage })}\n\n`);
  res.end('data: [DONE]\n\n');
}

/** `GET /v1/models?output_modalities=image`: the image models, as OpenRouter lists them. */
export function handleModels(res, { send, record }) {
  // Public, as OpenRouter's and the gateways' lists are: no key needed, none checked.
  if (record.query.output_modalities !== 'image') return send(res, { json: { data: [...OPENAI_MODELS, 'openai/gpt-5', 'anthropic/claude-sonnet-4.5'].map((id) => ({ id })) } });
  send(res, { json: { data: OPENAI_MODELS.map((id) => ({ id, name: id, architecture: { input_modalities: ['text', 'image'], output_modalities: ['image', 'text'] } })) } });
}

function camel(v) {
  if (Array.isArray(v)) return v.map(camel);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), camel(x)]));
  return v;
}
