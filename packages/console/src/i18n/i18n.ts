import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { RESOURCES, UI_LANGUAGES, type UiLanguage } from '../locales/index.js';

/** The console's own i18next instance (never the global one, which a host page might use). */
const i18n: I18n = createInstance();
void i18n.init({
  lng: 'en',
  fallbackLng: 'en',
  ns: Object.keys(RESOURCES.en),
  defaultNS: 'common',
  resources: RESOURCES,
  initAsync: false,
  // lit renders every value as text, so i18next must not escape it a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const STORAGE_KEY = 'statuskit-console-language';

/** The language the operator chose before, else the browser's, else English. */
export function initialLanguage(): UiLanguage {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  const wanted = [stored, ...navigator.languages].map((tag) => tag?.slice(0, 2).toLowerCase());
  return wanted.find((tag): tag is UiLanguage => UI_LANGUAGES.includes(tag as UiLanguage)) ?? 'en';
}

export async function setLanguage(language: UiLanguage): Promise<void> {
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  safeStorage()?.setItem(STORAGE_KEY, language);
}

export function currentLanguage(): UiLanguage {
  return (UI_LANGUAGES.includes(i18n.language as UiLanguage) ? i18n.language : 'en') as UiLanguage;
}

/** Translates `namespace:key` (or a `common` key); `values` fill `{{placeholders}}`. */
export const t: TFunction = ((...args: Parameters<TFunction>) => i18n.t(...args)) as TFunction;

function safeStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
