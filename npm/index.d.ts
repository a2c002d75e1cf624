// Types of the `banana-studio` package: the generate() API, its error, and the <banana-studio> element.
// The unions between the `generated` marks come from the Rust sources (tests/typescript.rs checks them;
// `UPDATE_TYPES=1 cargo test --test typescript` rewrites them).

// <generated>
/** A provider preset: its base URL, dialect and key placement are known. `custom` needs `baseUrl`. */
export type ProviderId = 'google' | 'anyfast' | 'tokaify' | 'gccai' | 'openrouter' | 'custom';
/** The wire format: Gemini native, the asynchronous task API, or OpenAI-compatible chat completions. */
export type Dialect = 'gemini' | 'task' | 'openai';
/** Where the key goes: the `x-goog-api-key` header, `Authorization: Bearer`, or the `key` query parameter. */
export type AuthPlacement = 'header' | 'bearer' | 'query';
/** The output's long edge. */
export type ImageSize = '512' | '1K' | '2K' | '4K';
/** Every aspect ratio some model takes; a model that does not take the one asked refuses it (`unsupported-option`). */
export type AspectRatio = '1:1' | '2:3' | '3:2' | '3:4' | '4:3' | '4:5' | '5:4' | '9:16' | '16:9' | '21:9' | '1:4' | '4:1' | '1:8' | '8:1';
/** How much the model thinks first. */
export type ThinkingLevel = 'minimal' | 'high';
/** The models the presets list (a relay may name others: any string is accepted). */
export type KnownModel = 'gemini-3.1-flash-image' | 'gemini-3.1-flash-lite-image' | 'gemini-3.1-flash-image-preview' | 'gemini-3-pro-image-preview' | 'gemini-2.5-flash-image' | 'gemini-3.1-flash-image-preview-official' | 'google/gemini-3.1-flash-image-preview' | 'google/gemini-3.1-flash-image' | 'google/gemini-3.1-flash-lite-image' | 'google/gemini-3-pro-image-preview' | 'google/gemini-2.5-flash-image';
/** Retries after passing failures (network, 429, 5xx). */
export type Retries = 0 | 1 | 2 | 3 | 4 | 5;
/** What went wrong, machine-readable: `BananaStudioError.kind` and the element's `error` event. */
export type ErrorKind = 'invalid-key' | 'payment-required' | 'forbidden' | 'not-found' | 'rate-limited' | 'bad-request' | 'server-error' | 'http' | 'empty-prompt' | 'missing-key' | 'invalid-base-url' | 'invalid-proxy-url' | 'missing-model' | 'unsupported-option' | 'option-unavailable' | 'too-many-references' | 'reference-too-large' | 'reference-empty' | 'reference-truncated' | 'unsupported-reference' | 'request-too-large' | 'network' | 'cors' | 'timeout' | 'cancelled' | 'truncated' | 'malformed' | 'invalid-base64' | 'unsafe-image' | 'blocked' | 'no-image' | 'response-too-large' | 'task-failed' | 'task-cancelled' | 'task-timeout' | 'image-expired' | 'invalid-options' | 'not-loaded' | 'browser';
// </generated>

/** The options of {@link generate}. An unknown or misspelt option is refused (`invalid-options`), never ignored. */
export interface GenerateOptions {
  /** The user's key for the provider. It is sent to the provider only, as the provider asks. */
  apiKey: string;
  prompt: string;
  /** Default `google`. */
  provider?: ProviderId;
  /** Overrides the preset's base URL (required for `custom`). */
  baseUrl?: string;
  /** For `custom` providers (presets know theirs). */
  dialect?: Dialect;
  /** For `custom` providers (presets know theirs). */
  auth?: AuthPlacement;
  /** The caller's own CORS proxy: requests go to `{proxy}/{target URL}`. */
  proxy?: string;
  /** Default: the preset's model. */
  model?: KnownModel | (string & {});
  aspectRatio?: AspectRatio;
  imageSize?: ImageSize;
  /** Images wanted. Default 1. */
  count?: 1 | 2 | 3 | 4;
  thinking?: ThinkingLevel;
  webSearch?: boolean;
  imageSearch?: boolean;
  /** Ask for images without text. */
  imageOnly?: boolean;
  systemInstruction?: string;
  /** Default 2. */
  retries?: Retries;
  /** Seconds one attempt may take, 5 to 3600; default 300. */
  timeoutSeconds?: number;
  /** Reference images (up to 14), read in order. */
  images?: readonly Blob[];
  /** Aborting it cancels the call: the promise rejects with kind `cancelled`. */
  signal?: AbortSignal;
}

/** Token counts, as the provider reported them (summed over the call's requests). */
export interface Usage {
  promptTokenCount: number | null;
  candidatesTokenCount: number | null;
  thoughtsTokenCount: number | null;
  totalTokenCount: number | null;
  candidatesTokensDetails: { modality: string; tokenCount: number }[];
}

/** What {@link generate} resolves to. */
export interface GenerateResult {
  /** The images, as PNG, JPEG or WebP Blobs (checked by their bytes). */
  images: Blob[];
  /** What the model said besides the images ('' when nothing). */
  text: string;
  usage: Usage | null;
  /** The model that made them. */
  model: string;
}

/** The error {@link generate} rejects with. */
export declare class BananaStudioError extends Error {
  readonly name: 'BananaStudioError';
  readonly kind: ErrorKind;
  /** The provider's HTTP status when it answered with an error, else null. */
  readonly status: number | null;
  /** Whether trying again later may help. */
  readonly retryable: boolean;
  private constructor();
}

/**
 * Generates images with no UI: the studio's protocol core and client behind one promise. Rejects with a
 * {@link BananaStudioError}. The key never leaves the browser except to the provider.
 */
export declare function generate(options: GenerateOptions): Promise<GenerateResult>;

/** Resolves once the module is loaded and `<banana-studio>` is defined; rejects if it cannot load. */
export declare function whenReady(): Promise<void>;

/** The `generate` event's detail: a result the user made in the element, with its prompt. */
export interface GenerateEventDetail extends GenerateResult {
  prompt: string;
}

/** The `error` event's detail: a failure shown in the element. */
export interface ErrorEventDetail {
  kind: ErrorKind;
  message: string;
}

/** The element's own events (`error` is the studio's, not the DOM's `ErrorEvent`). */
export interface BananaStudioElementEventMap extends Omit<HTMLElementEventMap, 'error'> {
  /** A result arrived (bubbles, composed). */
  generate: CustomEvent<GenerateEventDetail>;
  /** A generation failed (does not bubble). */
  error: CustomEvent<ErrorEventDetail>;
}

/** The attributes `<banana-studio>` reads; changing one changes the studio's form. */
export interface BananaStudioAttributes {
  provider?: ProviderId;
  'base-url'?: string;
  model?: KnownModel | (string & {});
  /** `light` or `dark` fixes the theme; without it the system's is followed. */
  theme?: 'light' | 'dark';
}

/** `<banana-studio>`: the whole studio in a shadow root. */
export interface BananaStudioElement extends HTMLElement {
  addEventListener<K extends keyof BananaStudioElementEventMap>(
    type: K,
    listener: (this: BananaStudioElement, ev: BananaStudioElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof BananaStudioElementEventMap>(
    type: K,
    listener: (this: BananaStudioElement, ev: BananaStudioElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'banana-studio': BananaStudioElement;
  }
}
