import { HttpError } from '../http/http-error.js';

/**
 * The languages the elements ship, so the feed can word sentences in them
 * (`@statuskit/elements/locales/<lang>`).
 */
export const VIEW_LANGUAGES = ['da', 'en', 'fi', 'sv', 'nb', 'nn', 'is'] as const;
export type ViewLanguage = (typeof VIEW_LANGUAGES)[number];

const FALLBACK_LANGUAGE: ViewLanguage = 'en';
/** Codes that mean a language shipped under another code (as the elements read them). */
const ALIASES: Readonly<Record<string, ViewLanguage>> = { no: 'nb' };
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8})*$/;

function shipped(tag: string): ViewLanguage | undefined {
  let candidate = tag.trim().replaceAll('_', '-').toLowerCase();
  while (candidate !== '') {
    const match = VIEW_LANGUAGES.find((language) => language === candidate) ?? ALIASES[candidate];
    if (match !== undefined) return match;
    const cut = candidate.lastIndexOf('-');
    candidate = cut === -1 ? '' : candidate.slice(0, cut);
  }
  return undefined;
}

/**
 * The language a view is worded in for `?lang=`: the best shipped match (`da-DK` → `da`,
 * `no` → `nb`); for an absent or unshipped one the document's default when shipped, else English.
 * A value that is not a language tag is refused (400) rather than silently read as English.
 */
export function viewLanguage(requested: string | null, defaultLocale: string): ViewLanguage {
  if (requested !== null && !LANGUAGE_TAG.test(requested.trim())) {
    throw new HttpError(400, 'lang: must be a language tag such as "da" or "en-GB"', [
      { path: 'lang', message: 'must be a language tag such as "da" or "en-GB"' },
    ]);
  }
  return (
    (requested === null ? undefined : shipped(requested)) ??
    shipped(defaultLocale) ??
    FALLBACK_LANGUAGE
  );
}
