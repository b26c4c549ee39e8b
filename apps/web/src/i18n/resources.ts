import ko from './ko.json';

/** Korean is the default and the fallback; English is the one alternative. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ko';

export type Translation = typeof ko;

/** Bundled with the app: every visitor needs Korean, at least as the fallback. */
export const defaultResources = { ko: { translation: ko } };

/** English is downloaded only by those who choose it. */
export const loadTranslation = async (language: Language): Promise<Translation> =>
  language === 'ko' ? ko : (await import('./en.json')).default;

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);
