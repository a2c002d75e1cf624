// Both ways to use Banana Studio from React: generate() behind a form of the app's own, and the
// <banana-studio> element with its events. `?relay=https://relay.example` points both at a relay that
// speaks Gemini's native format (a custom provider); without it they use Google's endpoint.
import { useEffect, useRef, useState } from 'react';
import {
  generate,
  BananaStudioError,
  type BananaStudioElement,
  type ErrorEventDetail,
  type GenerateEventDetail,
} from 'banana-studio';
import type {} from 'banana-studio/jsx';

const relay = new URLSearchParams(location.search).get('relay');

interface Shown {
  url: string;
  from: 'generate()' | 'element';
  prompt: string;
}

export default function App() {
  const [apiKey, setApiKey] = useState('');
  const [prompt, setPrompt] = useState('a banana on the moon');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [shown, setShown] = useState<Shown[]>([]);
  const studio = useRef<BananaStudioElement>(null);

  const show = (images: Blob[], from: Shown['from'], prompt: string) =>
    setShown((before) => [...images.map((blob) => ({ url: URL.createObjectURL(blob), from, prompt })), ...before]);

  useEffect(() => {
    const element = studio.current;
    if (!element) return;
    const onGenerate = (e: CustomEvent<GenerateEventDetail>) => show(e.detail.images, 'element', e.detail.prompt);
    const onError = (e: CustomEvent<ErrorEventDetail>) => setError(`${e.detail.kind}: ${e.detail.message}`);
    element.addEventListener('generate', onGenerate);
    element.addEventListener('error', onError);
    return () => {
      element.removeEventListener('generate', onGenerate);
      element.removeEventListener('error', onError);
    };
  }, []);

  async function run() {
    setBusy(true);
    setError('');
    try {
      const result = await generate({
        apiKey,
        prompt,
        provider: relay ? 'custom' : 'google',
        baseUrl: relay ?? undefined,
        imageSize: '1K',
        aspectRatio: '1:1',
      });
      show(result.images, 'generate()', prompt);
    } catch (e) {
      if (!(e instanceof BananaStudioError)) throw e;
      setError(`${e.kind}${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <h1>Banana Studio in React</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          API key <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} data-testid="host-key" />
        </label>
        <label>
          Prompt <input value={prompt} onChange={(e) => setPrompt(e.target.value)} data-testid="host-prompt" />
        </label>
        <button disabled={busy} data-testid="host-generate">
          {busy ? 'Generating…' : 'Generate with generate()'}
        </button>
      </form>
      <p role="alert" data-testid="host-error">{error}</p>
      <ul data-testid="host-received">
        {shown.map((s) => (
          <li key={s.url}>
            <img src={s.url} alt={s.prompt} data-from={s.from} width={128} />
          </li>
        ))}
      </ul>
      <banana-studio ref={studio} provider={relay ? 'custom' : 'google'} base-url={relay ?? undefined} theme="light" />
    </main>
  );
}
