// Every option, the result, the error class and the element's events, used as a host would.
import {
  generate,
  whenReady,
  BananaStudioError,
  type BananaStudioElement,
  type ErrorKind,
  type GenerateOptions,
  type GenerateResult,
} from 'banana-studio';
import type {} from 'banana-studio/jsx';

export async function everyOption(files: File[], controller: AbortController): Promise<Blob[]> {
  const options: GenerateOptions = {
    apiKey: 'key',
    prompt: 'a banana on the moon',
    provider: 'custom',
    baseUrl: 'https://relay.example',
    dialect: 'gemini',
    auth: 'bearer',
    proxy: 'https://proxy.example',
    model: 'gemini-3.1-flash-image',
    aspectRatio: '16:9',
    imageSize: '4K',
    count: 4,
    thinking: 'high',
    webSearch: true,
    imageSearch: false,
    imageOnly: true,
    systemInstruction: 'Photographic.',
    retries: 5,
    timeoutSeconds: 600,
    images: files,
    signal: controller.signal,
  };
  await whenReady();
  const result: GenerateResult = await generate(options);
  const total: number | null = result.usage?.totalTokenCount ?? null;
  console.log(result.text, result.model, total);
  // A relay's own model name is accepted too.
  await generate({ apiKey: 'k', prompt: 'p', provider: 'openrouter', model: 'vendor/some-new-image-model' });
  return result.images;
}

export async function handled(): Promise<string> {
  try {
    await generate({ apiKey: 'k', prompt: 'p' });
    return 'ok';
  } catch (e) {
    if (!(e instanceof BananaStudioError)) throw e;
    const status: number | null = e.status;
    const retry: boolean = e.retryable;
    switch (e.kind) {
      case 'invalid-key':
      case 'rate-limited':
      case 'invalid-options':
      case 'cancelled':
      case 'not-loaded':
        return `${e.kind} ${status} ${retry} ${e.message}`;
      default: {
        const kind: ErrorKind = e.kind;
        return kind;
      }
    }
  }
}

export function listen(): void {
  const studio = document.querySelector('banana-studio')!;
  const typed: BananaStudioElement = studio;
  studio.addEventListener('generate', (e) => {
    const images: Blob[] = e.detail.images;
    const prompt: string = e.detail.prompt;
    console.log(images.length, prompt, e.detail.model);
  });
  typed.addEventListener('error', (e) => {
    const kind: ErrorKind = e.detail.kind;
    console.warn(kind, e.detail.message);
  });
  // Other DOM events keep their types.
  studio.addEventListener('click', (e) => console.log(e.clientX));
  const made = document.createElement('banana-studio');
  made.setAttribute('provider', 'google');
}

export function InReact() {
  return <banana-studio provider="custom" base-url="https://relay.example" model="gemini-3.1-flash-image" theme="dark" />;
}
