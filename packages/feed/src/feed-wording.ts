import type { LocalizedText } from '@statuskit/model';

/**
 * Text the feed writes itself (an alert's resolution, a probe's finding), in the feed's default
 * language when the feed has words for it, else in English. `wording` maps base language tags
 * to text and must have `en`.
 */
export function inDefaultLanguage(
  defaultLocale: string,
  wording: Readonly<Record<string, string>> & { readonly en: string },
): LocalizedText {
  const base = defaultLocale.split('-')[0]?.toLowerCase() ?? '';
  const text = wording[base];
  return text === undefined ? { en: wording.en } : { [defaultLocale]: text };
}
