/**
 * Registers /sw.js (apps/web/public/sw.js), which lets the desk load without network after one online
 * visit, and hands it the app's files this page has loaded (the lazy desk chunk among them) to keep.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const assets = performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name))
        .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
        .map((url) => url.pathname);
      registration.active?.postMessage({ type: 'keep-assets', paths: [...new Set(assets)] });
    })
    .catch(() => {
      // Without a service worker the desk still scans offline; only a reload without network fails.
    });
}
