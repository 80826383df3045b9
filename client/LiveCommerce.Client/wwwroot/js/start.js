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
  const start = () => Blazor.start({ applicationCulture: culture });

  // A shared watch link's first screen (rendered by the server) shows the stream's poster: on a slow
  // network the runtime's files would share the bandwidth with it and hold back the first screen's
  // largest paint, so the runtime waits for the poster (at most 2 s; docs/BENCHMARKS.md, "firstload").
  const poster = document.querySelector('img.fs-poster');
  if (poster && !poster.complete) {
    let started = false;
    const once = () => {
      if (!started) {
        started = true;
        start();
      }
    };
    poster.addEventListener('load', once, { once: true });
    poster.addEventListener('error', once, { once: true });
    setTimeout(once, 2000);
  } else {
    start();
  }
})();
