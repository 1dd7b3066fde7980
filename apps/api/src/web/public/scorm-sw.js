// The content origin's service worker: what the player has loaded — its page, scorm-again's
// runtime, the package's files — kept on the device, so a package opened once online plays again
// with the network off (its commits then wait in the lesson page's offline queue). Package files and
// runtime scripts never change under their addresses, so they come from the cache first; the player
// page from the network first. Nothing of the product's origin is ever here.
'use strict';
const CACHE = 'chadavkhi-scorm-content';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// A part of a file (206) is never kept: the cache holds whole files, and refuses parts anyway.
function keep(request, response) {
  if (response.status === 200) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** One range of a file of `size` bytes, as the server reads it: [start, end], 'none' (416), or null (the whole file). */
function byteRange(header, size) {
  const m = /^\s*bytes\s*=\s*(\d*)-(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '') || size === 0) return null;
  if (m[1] === '') return Number(m[2]) === 0 ? 'none' : [Math.max(0, size - Number(m[2])), size - 1];
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'none';
  return [start, m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)];
}

/**
 * A cached whole file answering a Range request (a video seeking offline): its part as a 206, 416
 * past the end, or the whole file where the server would send it (several ranges, another If-Range).
 */
function part(request, cached) {
  const header = request.headers.get('range');
  const ifRange = request.headers.get('if-range');
  if (!header || cached.status !== 200 || (ifRange && ifRange !== cached.headers.get('etag'))) return cached;
  return cached.arrayBuffer().then((body) => {
    const range = byteRange(header, body.byteLength);
    const headers = new Headers(cached.headers);
    // The cache holds the decoded bytes: what they were compressed as, or how long that was, no longer applies.
    headers.delete('content-encoding');
    if (range === 'none') {
      headers.set('content-range', 'bytes */' + body.byteLength);
      headers.set('content-length', '0');
      return new Response(null, { status: 416, headers: headers });
    }
    const [start, end] = range || [0, body.byteLength - 1];
    headers.set('content-length', String(end - start + 1));
    if (!range) return new Response(body, { status: 200, headers: headers });
    headers.set('content-range', 'bytes ' + start + '-' + end + '/' + body.byteLength);
    return new Response(body.slice(start, end + 1), { status: 206, headers: headers });
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // The player storing the package (save() in scorm-player.js) puts what it fetches in the cache itself.
  if (request.headers.has('x-chadavkhi-storing')) return;
  if (url.pathname.startsWith('/scorm-content/') || url.pathname.startsWith('/scorm-player/runtime/')) {
    event.respondWith(
      caches
        .match(request, { ignoreSearch: true })
        .then((hit) => (hit ? part(request, hit) : fetch(request).then((r) => keep(request, r)))),
    );
  } else if (url.pathname.startsWith('/scorm-player/') && url.pathname !== '/scorm-player/sw.js') {
    event.respondWith(
      fetch(request)
        .then((r) => keep(request, r))
        .catch(() => caches.match(request).then((hit) => hit || Response.error())),
    );
  }
});
