// Each marked line must not compile: tsc fails on a @ts-expect-error that finds no error.
import { generate, BananaStudioError } from 'banana-studio';
import type {} from 'banana-studio/jsx';

export async function misuse(): Promise<void> {
  // @ts-expect-error: a misspelt option (imagesize for imageSize)
  await generate({ apiKey: 'k', prompt: 'p', imagesize: '4K' });
  // @ts-expect-error: a size that does not exist
  await generate({ apiKey: 'k', prompt: 'p', imageSize: '8K' });
  // @ts-expect-error: sizes are strings, as the API takes them
  await generate({ apiKey: 'k', prompt: 'p', imageSize: 4 });
  // @ts-expect-error: an unknown provider
  await generate({ apiKey: 'k', prompt: 'p', provider: 'gogle' });
  // @ts-expect-error: a ratio no model takes
  await generate({ apiKey: 'k', prompt: 'p', aspectRatio: '7:3' });
  // @ts-expect-error: an unknown dialect
  await generate({ apiKey: 'k', prompt: 'p', dialect: 'anthropic' });
  // @ts-expect-error: count is 1 to 4
  await generate({ apiKey: 'k', prompt: 'p', count: 5 });
  // @ts-expect-error: the prompt is required
  await generate({ apiKey: 'k' });
  // @ts-expect-error: images are Blobs, not URLs
  await generate({ apiKey: 'k', prompt: 'p', images: ['https://example.com/a.png'] });
  const result = await generate({ apiKey: 'k', prompt: 'p' });
  // @ts-expect-error: images are Blobs, not strings
  const url: string = result.images[0];
  console.log(url);
}

export function wrongEvents(): void {
  const studio = document.querySelector('banana-studio')!;
  studio.addEventListener('generate', (e) => {
    // @ts-expect-error: the detail has images, not image
    console.log(e.detail.image);
    // @ts-expect-error: images are Blobs
    const first: string = e.detail.images[0];
    console.log(first);
  });
  studio.addEventListener('error', (e) => {
    // @ts-expect-error: the studio's error event is a CustomEvent, not the DOM's ErrorEvent
    console.log(e.filename);
    // @ts-expect-error: kinds are a union, not any string
    const kind: 'not-a-kind' = e.detail.kind;
    console.log(kind);
  });
}

export function wrongErrors(e: unknown): string {
  if (e instanceof BananaStudioError) {
    switch (e.kind) {
      // @ts-expect-error: not one of the kinds
      case 'invalid-api-key':
        return 'never';
    }
    // @ts-expect-error: status is a number or null
    const status: string = e.status;
    return status;
  }
  return '';
}

export function WrongJsx() {
  return (
    <>
      {/* @ts-expect-error: theme is light or dark */}
      <banana-studio theme="blue" />
      {/* @ts-expect-error: an unknown provider */}
      <banana-studio provider="gogle" />
    </>
  );
}
