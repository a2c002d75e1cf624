// Registers the service worker (sw.js, next to index.html) and reports a new version waiting to take
// over; `takeOver` lets it, then reloads once it controls the page.
let requested = false;

/** `onUpdate()`: a new version waits (or took over in another tab); `busy()`: this tab is generating. */
export async function register(onUpdate, busy) {
  if (!('serviceWorker' in navigator)) return false;
  let registration;
  try {
    registration = await navigator.serviceWorker.register('./sw.js', { scope: './', updateViaCache: 'none' });
  } catch {
    return false; // a private window or a file:// page: the studio works online only
  }
  const hadController = Boolean(navigator.serviceWorker.controller);
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) onUpdate();
  };
  offer();
  registration.addEventListener('updatefound', () => {
    const next = registration.installing;
    next?.addEventListener('statechange', () => { if (next.state === 'installed') offer(); });
  });
  // When the new version takes over: the tab that asked reloads at once, other idle tabs too; a tab in
  // the middle of a generation keeps going and offers the reload instead. The first install claims
  // the page without a reload.
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController || reloading) return;
    if (requested || !busy()) { reloading = true; location.reload(); } else onUpdate();
  });
  registration.update().catch(() => {});
  return true;
}

export async function takeOver() {
  requested = true;
  const registration = await navigator.serviceWorker.getRegistration('./');
  if (registration?.waiting) registration.waiting.postMessage('take-over');
  else location.reload(); // it already took over from another tab
}
