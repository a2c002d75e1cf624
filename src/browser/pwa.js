// Registers the service worker (sw.js, next to index.html) and reports a new version waiting to take
// over; `takeOver` lets it, then reloads once it controls the page.
export async function register(onUpdate) {
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
  // Only a page that was already controlled reloads on a change of worker (the first install claims
  // the page without a reload).
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController && !reloading) { reloading = true; location.reload(); }
  });
  registration.update().catch(() => {});
  return true;
}

export async function takeOver() {
  const registration = await navigator.serviceWorker.getRegistration('./');
  registration?.waiting?.postMessage('take-over');
}
