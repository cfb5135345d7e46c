import en from './locales/en.js';
import { SHIPPED_FALLBACKS, SHIPPED_LANGUAGES } from './languages.js';
import { receivePendingLanguages } from './pending-languages.js';
import { StringTable } from './strings.js';
import type { LanguageResources, TranslationValues } from './strings.js';

export type { LanguageResources } from './strings.js';

export interface AddLanguageOptions {
  /**
   * Languages to take missing strings from, in order, before English; e.g. `['nb']` for Northern
   * Sámi on Norwegian pages. Shipped languages in the list are loaded when needed.
   */
  readonly fallback?: readonly string[];
}

/** Translates one key in one language; `values` fill `{{placeholders}}`. */
export type Translate = (key: string, values?: TranslationValues) => string;

const loaders: Readonly<Record<string, () => Promise<{ default: LanguageResources }>>> = {
  da: () => import('./locales/da.js'),
  sv: () => import('./locales/sv.js'),
  fi: () => import('./locales/fi.js'),
  nb: () => import('./locales/nb.js'),
  nn: () => import('./locales/nn.js'),
  is: () => import('./locales/is.js'),
};

const fallbacks = new Map<string, readonly string[]>(SHIPPED_FALLBACKS);
const added = new Set<string>();
const loading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

/**
 * The resources in i18next's format, translated the way i18next does (`strings.ts`; a test holds
 * the two to the same output) without loading i18next into the page. Output goes into lit text
 * bindings, which escape, so nothing is escaped here.
 */
const strings = new StringTable((code) => [...(fallbacks.get(code) ?? []), 'en']);
strings.add('en', en, true);

/** Every language an element can speak: the shipped ones and those added with `addLanguage`. */
export function availableLanguages(): string[] {
  return [...SHIPPED_LANGUAGES, ...added];
}

const failed = new Set<string>();

function isLoaded(code: string): boolean {
  return !(code in loaders) || strings.has(code);
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
        strings.add(code, resources, false);
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
  strings.add(code, resources, true);
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
  return (key, values) => strings.translate(language, key, values);
}

// Languages added through the script-tag entry before this module loaded.
receivePendingLanguages(addLanguage);
