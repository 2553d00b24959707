// The playground's one service worker (scope: the site's folder). Two jobs:
// 1. Offline: on install it caches every file of the build (pages, scripts,
//    the three WebAssembly builds, the packed data sets, the Models results),
//    listed at build time by vite.config.js; afterwards every request of the
//    site is answered from that cache first, so a page once loaded keeps
//    working without network. A new build has a new cache name (its content
//    hash): the next visit installs it and drops the old one.
// 2. Cross-origin isolation on hosts that cannot send headers: every response
//    it gives gets COOP/COEP (and CORP, so an isolated host page may frame a
//    figure), so the threads build can run. This is the logic of the npm
//    package coi-serviceworker (MIT), which it replaces: one scope holds one
//    service worker, so caching and headers live in the same one.
// Registered by web/src/ui/offline.js. Placeholders filled by the build.
const cacheName = 'damlab-__VERSION__';
const files = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      // cache: 'reload' skips the browser's HTTP cache: the cached copy is the server's.
      .then((cache) => cache.addAll(files.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('damlab-') && key !== cacheName) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function withIsolation(response) {
  if (response.status === 0) return response; // opaque: its headers cannot be set
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      // A page's query (?embed=1) selects a mode, not another file.
      const cached = await caches.match(request, { cacheName, ignoreSearch: request.mode === 'navigate' });
      return withIsolation(cached ?? (await fetch(request)));
    })(),
  );
});
