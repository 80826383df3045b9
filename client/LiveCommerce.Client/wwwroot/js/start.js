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
  Blazor.start({ applicationCulture: culture });
})();
