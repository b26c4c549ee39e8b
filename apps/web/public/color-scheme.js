/* global window, document */
// Runs before the first paint so a dark-mode visitor never sees a white flash. It is a static
// file, not an inline script (and not Mantine's ColorSchemeScript): the page CSP is
// script-src 'self'. Keys must match src/app/theme.ts and src/i18n/index.ts.
(function () {
  var root = document.documentElement;
  var scheme = 'auto';
  try {
    var stored = window.localStorage.getItem('dongne-color-scheme');
    if (stored === 'light' || stored === 'dark' || stored === 'auto') scheme = stored;
    var language = window.localStorage.getItem('dongne-language');
    if (language === 'ko' || language === 'en') root.lang = language;
  } catch {
    // Storage may be blocked (privacy settings): follow the system.
  }
  if (scheme === 'auto') scheme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  root.setAttribute('data-mantine-color-scheme', scheme);
})();
