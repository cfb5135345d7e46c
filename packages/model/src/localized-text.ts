import type { LocalizedText } from './types.js';

/** Lower case, `_` read as `-` (`en_GB` from some platforms), so tags compare as BCP 47 says. */
function normalizeTag(tag: string): string {
  return tag.trim().replaceAll('_', '-').toLowerCase();
}

function languageOf(tag: string): string {
  const cut = tag.indexOf('-');
  return cut === -1 ? tag : tag.slice(0, cut);
}

/** Steps a–c of the chain in `pickLocale` for one wanted locale. */
function matchLocale(keys: ReadonlyMap<string, string>, locale: string): string | undefined {
  const wanted = normalizeTag(locale);
  if (wanted === '') return undefined;
  let tag = wanted;
  for (;;) {
    const exact = keys.get(tag);
    if (exact !== undefined) return exact;
    const cut = tag.lastIndexOf('-');
    if (cut === -1) break;
    tag = tag.slice(0, cut);
    // RFC 4647 §3.4 lookup: a single-character subtag (`x`, an extension) goes with what follows.
    if (tag.at(-2) === '-') tag = tag.slice(0, -2);
  }
  const language = languageOf(wanted);
  for (const [key, original] of keys) {
    if (languageOf(key) === language) return original;
  }
  return undefined;
}

/**
 * The key of `text` to show a reader who prefers `locales` (most preferred first), or `undefined`
 * when `text` is absent or has no non-empty entry. It returns the key, not the string, so a caller
 * can mark the text with the language it is really in (`lang`), which matters when the chain
 * lands on another language (WCAG 3.1.2 Language of Parts).
 *
 * The fallback chain; the first match wins. Tags compare case-insensitively, `_` counts as `-`,
 * and entries whose value is `''` count as absent.
 * 1. For each requested locale, in order:
 *    a. the exact tag (`en-GB`);
 *    b. each shorter prefix of it down to the base language (`zh-Hant-TW` → `zh-Hant` → `zh`);
 *    c. any key in the same language, first in the text's key order (`sv` requested and only
 *       `sv-FI` present; also `en-US` requested and only `en-GB` present).
 * 2. The document's default locale `fallback`, by the same steps a–c.
 * 3. Any entry: the first in the text's key order.
 */
export function pickLocale(
  text: LocalizedText | undefined,
  locales: string | readonly string[],
  fallback: string,
): string | undefined {
  if (text === undefined) return undefined;
  // normalized tag → the key as written; the first spelling of a tag wins.
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(text)) {
    if (value === '') continue;
    const tag = normalizeTag(key);
    if (!keys.has(tag)) keys.set(tag, key);
  }
  if (keys.size === 0) return undefined;
  const requested = typeof locales === 'string' ? [locales] : locales;
  for (const locale of [...requested, fallback]) {
    const match = matchLocale(keys, locale);
    if (match !== undefined) return match;
  }
  return keys.values().next().value;
}

/** The text to show (see `pickLocale` for the fallback chain); `''` when there is none. */
export function resolveText(
  text: LocalizedText | undefined,
  locales: string | readonly string[],
  fallback: string,
): string {
  const key = pickLocale(text, locales, fallback);
  return key === undefined ? '' : (text?.[key] ?? '');
}
