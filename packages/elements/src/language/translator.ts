import { createInstance } from 'i18next';
import en from './locales/en.js';
import { SHIPPED_LANGUAGES } from './languages.js';
import { receivePendingLanguages } from './pending-languages.js';

/** A language's strings: nested objects of plain text, keys as in `locales/en.ts`. */
export interface LanguageResources {
  readonly [key: string]: string | LanguageResources;
}

export interface AddLanguageOptions {
  /**
   * Languages to take missing strings from, in order, before English; e.g. `['nb']` for Northern
   * Sámi on Norwegian pages. Shipped languages in the list are loaded when needed.
   */
  readonly fallback?: readonly string[];
}

/** Translates one key in one language; `values` fill `{{placeholders}}`. */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

const loaders: Readonly<Record<string, () => Promise<{ default: LanguageResources }>>> = {
  da: () => import('./locales/da.js'),
  sv: () => import('./locales/sv.js'),
  fi: () => import('./locales/fi.js'),
  nb: () => import('./locales/nb.js'),
  nn: () => import('./locales/nn.js'),
  is: () => import('./locales/is.js'),
};

const fallbacks = new Map<string, readonly string[]>([['nn', ['nb']]]);
const added = new Set<string>();
const loading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

/**
 * Our own i18next instance, never the host page's global one: the page may use i18next itself,
 * with other languages, options and plugins. Output goes into lit text bindings, which escape,
 * so i18next must not escape again.
 */
const i18n = createInstance();
void i18n.init({
  lng: 'en',
  fallbackLng: (code: string) => [...(fallbacks.get(code) ?? []), 'en'],
  resources: { en: { translation: en } },
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Every language an element can speak: the shipped ones and those added with `addLanguage`. */
export function availableLanguages(): string[] {
  return [...SHIPPED_LANGUAGES, ...added];
}

const failed = new Set<string>();

function isLoaded(code: string): boolean {
  return !(code in loaders) || i18n.hasResourceBundle(code, 'translation');
}

/**
 * The language to render in now: `language` when its strings (and its fallbacks') are loaded;
 * else it starts loading them, calls `onReady` when done, and returns `undefined` (render nothing
 * for the few milliseconds a same-origin chunk takes). A language whose chunk could not be
 * fetched falls back to English rather than leaving the element blank.
 */
export function prepareLanguage(language: string, onReady: () => void): string | undefined {
  const codes = [language, ...(fallbacks.get(language) ?? [])];
  if (codes.every(isLoaded)) return language;
  if (codes.some((code) => failed.has(code))) return 'en';
  void Promise.all(codes.map(loadOne)).then(onReady);
  return undefined;
}

function loadOne(code: string): Promise<void> {
  const load = loaders[code];
  if (!load || isLoaded(code)) return Promise.resolve();
  let pending = loading.get(code);
  if (!pending) {
    pending = load().then(
      ({ default: resources }) => {
        // `addLanguage` may have supplied strings for this code meanwhile: those win.
        i18n.addResourceBundle(code, 'translation', resources, true, false);
      },
      () => {
        failed.add(code);
      },
    );
    loading.set(code, pending);
  }
  return pending;
}

/**
 * Adds a language, or replaces strings of one, in a single call:
 *
 * ```js
 * addLanguage('se', { banner: { hide: 'Čiehká dán dieđu' }, … }, { fallback: ['nb'] });
 * ```
 *
 * Missing strings come from `options.fallback`, then English. Elements already on the page pick
 * the language up at once. Dates are formatted in the language's `format.intlLocale` when the
 * browser has data for it, else in a neighbouring locale, else British English.
 */
export function addLanguage(
  code: string,
  resources: LanguageResources,
  options: AddLanguageOptions = {},
): void {
  if (options.fallback) fallbacks.set(code, [...options.fallback]);
  i18n.addResourceBundle(code, 'translation', resources, true, true);
  if (!(SHIPPED_LANGUAGES as readonly string[]).includes(code)) added.add(code);
  for (const listener of listeners) listener();
}

/** Called whenever languages are added, so elements can render again. */
export function onLanguagesChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** A translate function bound to one language. */
export function translatorFor(language: string): Translate {
  const fixed = i18n.getFixedT(language);
  return (key, values) => fixed(key, values ?? {});
}

// Languages added through the script-tag entry before this module loaded.
receivePendingLanguages(addLanguage);
