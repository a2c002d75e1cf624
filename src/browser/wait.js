// Waits that a cancel ends at once, and that the page's return ends early: timers of a hidden tab are
// slowed to one a minute, and a frozen one's do not run at all, so a poll waits for the page to be
// seen again, or for the network to come back, instead of for its timer.

/** Resolves after `ms`, on `signal`'s abort, and with `early`, when the page is shown, resumed or back online. */
export function wait(ms, signal, early) {
  return new Promise((resolve) => {
    const events = early ? [[document, 'visibilitychange'], [document, 'resume'], [window, 'online']] : [];
    const wake = () => { if (document.visibilityState === 'visible') done(); };
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      for (const [target, name] of events) target.removeEventListener(name, wake);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
    for (const [target, name] of events) target.addEventListener(name, wake);
  });
}

/** Resolves when the browser is online (at once if it is), or on `signal`'s abort. */
export function online(signal) {
  return new Promise((resolve) => {
    if (navigator.onLine !== false) return resolve();
    const done = () => {
      window.removeEventListener('online', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    window.addEventListener('online', done);
    signal.addEventListener('abort', done);
  });
}

/** Whether the browser says it has no network. */
export function offline() {
  return navigator.onLine === false;
}

/** A signal that fires on `cancel`'s abort and after `ms`, and tells which: `AbortSignal.any` and
 * `AbortSignal.timeout` where the browser has them (Safari before 17.4 lacks `any`), else the same
 * from a controller and a timer. */
export function deadline(cancel, ms) {
  const timer = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : fired(ms);
  if (typeof AbortSignal.any === 'function') return [timer, AbortSignal.any([cancel, timer])];
  const either = new AbortController();
  const abort = () => either.abort();
  for (const s of [cancel, timer]) {
    if (s.aborted) abort(); else s.addEventListener('abort', abort, { once: true });
  }
  return [timer, either.signal];
}

/** A signal that aborts when `signal` does, with no reason of its own (so a fetch it ends rejects with
 * an AbortError, whatever reason the caller gave). */
export function bare(signal) {
  const c = new AbortController();
  if (signal.aborted) c.abort();
  else signal.addEventListener('abort', () => c.abort(), { once: true });
  return c.signal;
}

function fired(ms) {
  const c = new AbortController();
  setTimeout(() => c.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  return c.signal;
}
