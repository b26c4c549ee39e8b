import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, defaultResources, isLanguage, loadTranslation, type Language } from './resources';

export { LANGUAGES, type Language } from './resources';

/** Same key as public/color-scheme.js, which sets <html lang> before the first paint. */
const STORAGE_KEY = 'dongne-language';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Keeps <html lang> in step with the interface language (screen readers pick their voice by it). */
function applyLanguage(language: string) {
  document.documentElement.lang = language;
}

async function ensureLoaded(language: Language) {
  if (!i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await loadTranslation(language));
  }
}

/** Resolves once the visitor's language is ready, so the first render is already in it. */
export async function initI18n() {
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    resources: defaultResources,
    partialBundledLanguages: true,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    interpolation: { escapeValue: false }, // React escapes already
  });
  const language = storedLanguage();
  if (language !== DEFAULT_LANGUAGE) await changeLanguage(language);
  applyLanguage(i18next.language);
}

/** Switches the interface language and remembers it across visits. */
export async function changeLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still applies to this visit.
  }
  try {
    await ensureLoaded(language);
  } catch {
    return; // offline: stay in the current language rather than show keys
  }
  await i18next.changeLanguage(language);
}

export { i18next as i18n };
