// The service worker: the app shell (styles, script, icons, the offline page) cached at install,
// saved courses (cached by app.js under "chadavkhi-course-<enrolment>") answered when the network is
// not there. Pages are always asked of the network first and the API never comes from a cache.
// Nothing is stored but a saved course's pages and images and, for a quiz started to be answered
// offline, its attempt page — questions and options only, so no answer key, explanation or result
// is ever kept on the device.
'use strict';
const VERSION = '__VERSION__';
const SHELL = 'chadavkhi-shell-' + VERSION;
const PRECACHE = __PRECACHE__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('chadavkhi-shell-') && k !== SHELL).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (
    request.method !== 'GET' ||
    url.origin !== self.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname === '/sw.js'
  )
    return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(url.pathname, { ignoreSearch: true }).then((hit) => hit || caches.match('/offline')),
      ),
    );
    return;
  }
  // Anything else a saved lesson shows (an image): the network, or the saved copy when offline.
  event.respondWith(fetch(request).catch(() => caches.match(request).then((hit) => hit || Response.error())));
});
