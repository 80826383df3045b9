// Installable app: registers the service worker (sw.js), which keeps only the offline page and the
// icons. A file, not an inline script: the server's CSP allows scripts from this origin only.
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // No worker: the app works the same, only without an offline page.
    });
  });
}
