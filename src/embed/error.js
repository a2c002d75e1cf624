// The error `generate()` rejects with: a class of its own, so a host can test
// `e instanceof BananaStudioError` and `switch (e.kind)`. The npm package and banana-studio.js export it.

export class BananaStudioError extends Error {
  constructor(message, kind, status, retryable) {
    super(message);
    this.name = 'BananaStudioError';
    /** What went wrong, machine-readable (`invalid-key`, `rate-limited`, `invalid-options`, …). */
    this.kind = kind;
    /** The provider's HTTP status when it answered with an error, else null. */
    this.status = status ?? null;
    /** Whether trying again later may help. */
    this.retryable = retryable;
  }
}

/** A `BananaStudioError` (for the Rust side, which cannot extend a JS class). */
export function makeError(message, kind, status, retryable) {
  return new BananaStudioError(message, kind, status, retryable);
}
