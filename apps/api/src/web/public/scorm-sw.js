// The content origin's service worker: what the player has loaded — its page, scorm-again's
// runtime, the package's files — kept on the device, so a package opened once online plays again
// with the network off (its commits then wait in the lesson page's offline queue). Package files and
// runtime scripts never change under their addresses, so they come from the cache first; the player
// page from the network first. Nothing of the product's origin is ever here.
'use strict';
const CACHE = 'chadavkhi-scorm-content';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function keep(request, response) {
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/scorm-content/') || url.pathname.startsWith('/scorm-player/runtime/')) {
    event.respondWith(
      caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request).then((r) => keep(request, r))),
    );
  } else if (url.pathname.startsWith('/scorm-player/') && url.pathname !== '/scorm-player/sw.js') {
    event.respondWith(
      fetch(request)
        .then((r) => keep(request, r))
        .catch(() => caches.match(request).then((hit) => hit || Response.error())),
    );
  }
});
