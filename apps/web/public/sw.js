/* global self, caches, fetch, setTimeout, Response */
/*
 * FairOps service worker: the web app's page and files load without network after one online visit
 * (a desk keeps scanning through a network cut, even across a reload). Hand-written, no build step.
 * - the app's page (index.html, served for /, /desk/…, /jury/…): network first, the kept copy when
 *   the network fails or hangs (5 s), so a new version reaches devices at their next online load;
 * - /assets/… (hashed names, never changing): cache first;
 * - /api/… and anything else: never touched, never kept.
 */
const CACHE = 'fairops-app-v1';
const PAGE = '/index.html';
const AREAS = /^\/(desk|jury|admin|exhibitor|login|account)(\/|$)/;
const NETWORK_WAIT_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => fetch('/', { cache: 'reload' }).then((response) => (response.ok ? cache.put(PAGE, response) : undefined)))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// The page lists the /assets files it loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'keep-assets' || !Array.isArray(data.paths)) return;
  const paths = data.paths.filter((path) => typeof path === 'string' && path.startsWith('/assets/'));
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(paths.map((path) => cache.match(path).then((kept) => kept || cache.add(path).catch(() => undefined)))),
    ),
  );
});

function pageFirstFromNetwork(request) {
  const network = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
    }
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS)).then(() => caches.match(PAGE));
  const raced = Promise.race([network, late.then((kept) => kept || network)]);
  return raced.catch(() => caches.match(PAGE).then((kept) => kept || Response.error()));
}

function assetFromCache(request) {
  return caches.match(request).then(
    (kept) =>
      kept ||
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }),
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate' && (url.pathname === '/' || AREAS.test(url.pathname))) {
    event.respondWith(pageFirstFromNetwork(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(assetFromCache(request));
  }
});
