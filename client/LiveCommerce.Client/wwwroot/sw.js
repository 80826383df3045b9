// LiveCommerce's service worker: an offline page and the app icons, nothing else.
// It caches no app file, API call, hub connection or video, so every page, update and live event
// comes from the network as if there were no worker; only a page navigation that fails for want of a
// network gets the offline page (rendered by the server at /offline, in the visitor's language).
const CACHE = 'livecommerce-offline-v1';
const OFFLINE = '/offline';
const KEPT = [OFFLINE, '/icon-192.png', '/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(KEPT)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

// The page says when the picked language changed (js/start.js): keep the offline page in the new one.
self.addEventListener('message', (event) => {
  if (event.data === 'language-changed') {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.add(OFFLINE)));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }

  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }

  const url = new URL(request.url);
  if (url.origin === self.location.origin && KEPT.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
  }
});
