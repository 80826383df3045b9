// Starts Blazor with the culture the app will run in, so the runtime downloads the culture data
// (ICU shard) of that language only, instead of every culture's. It must name exactly the culture
// CulturePreference.Resolve (Localization/CulturePreference.cs) picks, or the app refuses to start:
// the stored choice (localStorage, set by the language picker), else the browser's language when
// the app speaks it, else English; the browser's own region when it speaks that language (es-MX
// stays es-MX), the language's default otherwise; Chinese is always zh-CN (Simplified).
(() => {
  const defaults = { en: 'en-US', es: 'es-ES', zh: 'zh-CN' };
  let stored = null;
  try {
    stored = localStorage.getItem('livecommerce.culture');
  } catch {
    // Storage refused (private mode): the browser's language it is.
  }

  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en-US';
  const browserLanguage = browser.split('-')[0].toLowerCase();
  const language = Object.hasOwn(defaults, stored) ? stored : Object.hasOwn(defaults, browserLanguage) ? browserLanguage : 'en';
  const regional = /^[a-z]{2}-[A-Z]{2}$/.test(browser); // a plain region (es-MX); anything else gets the default
  const culture = language === browserLanguage && regional && language !== 'zh' ? browser : defaults[language];

  // The server renders pages before the app runs (a watch link's first screen, the offline page) and cannot
  // read localStorage: the picked language goes to it in a cookie (ClientText.For), and the service worker
  // keeps its offline page again in that language when it changes.
  const picked = Object.hasOwn(defaults, stored) ? stored : '';
  const told = document.cookie.split('; ').find((c) => c.startsWith('livecommerce.culture='))?.split('=')[1] ?? '';
  if (picked !== told) {
    document.cookie = `livecommerce.culture=${picked}; path=/; max-age=${picked ? 31536000 : 0}; samesite=lax`;
    navigator.serviceWorker?.controller?.postMessage('language-changed');
  }

  Blazor.start({
    applicationCulture: culture,
    // Each runtime file by its content hash (?v=sha256-…), which the server answers as immutable: a repeat
    // visit takes them from the browser's cache instead of revalidating ~100 files one round trip at a time
    // (Operations/RuntimeFileCaching.cs). Files without a hash in the boot config load as before.
    loadBootResource: (type, name, defaultUri, integrity) =>
      integrity ? `${defaultUri}${defaultUri.includes('?') ? '&' : '?'}v=${encodeURIComponent(integrity)}` : undefined,
    // The runtime otherwise fetches with `cache: 'no-cache'`, which revalidates even an immutable file.
    configureRuntime: (runtime) => runtime.withConfig({ disableNoCacheFetch: true }),
  });
})();
