// Both ways to use Banana Studio from a page bundled by webpack (no webpack.config.js: the package's
// entry names every file it loads as new URL('./file', import.meta.url), which webpack 5 copies).
// `?relay=https://relay.example` points both at a relay that takes Gemini's native format.
import { generate, BananaStudioError } from 'banana-studio';

const relay = new URLSearchParams(location.search).get('relay');
const $ = (id) => document.querySelector(`[data-testid=${id}]`);

function show(images, from, prompt) {
  for (const blob of images) {
    const item = document.createElement('li');
    const img = new Image(128);
    img.src = URL.createObjectURL(blob);
    img.alt = prompt;
    img.dataset.from = from;
    item.append(img);
    $('host-received').prepend(item);
  }
}

const studio = document.querySelector('banana-studio');
if (relay) {
  studio.setAttribute('provider', 'custom');
  studio.setAttribute('base-url', relay);
}
studio.addEventListener('generate', (e) => show(e.detail.images, 'element', e.detail.prompt));
studio.addEventListener('error', (e) => { $('host-error').textContent = `${e.detail.kind}: ${e.detail.message}`; });

$('host-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('host-error').textContent = '';
  const prompt = $('host-prompt').value;
  try {
    const result = await generate({
      apiKey: $('host-key').value,
      prompt,
      provider: relay ? 'custom' : 'google',
      baseUrl: relay ?? undefined,
      imageSize: '1K',
      aspectRatio: '1:1',
    });
    show(result.images, 'generate()', prompt);
  } catch (e) {
    if (!(e instanceof BananaStudioError)) throw e;
    $('host-error').textContent = `${e.kind}${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message}`;
  }
});
