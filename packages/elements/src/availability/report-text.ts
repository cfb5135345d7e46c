import type { LocalizedText } from '@statuskit/model';
import { baseLanguage } from '../language/languages.js';

/**
 * The key of `text` to show for `locales` (most wanted first): the same tag, else the same base
 * language, else any non-empty text. The availability history is not worded by the feed, so its
 * few texts (titles) are picked here; a fallback of the model's kind without loading the model.
 */
export function pickReportText(
  text: LocalizedText,
  locales: readonly string[],
): string | undefined {
  const keys = Object.keys(text).filter((key) => (text[key] ?? '') !== '');
  const normalized = (tag: string) => tag.trim().replaceAll('_', '-').toLowerCase();
  for (const locale of locales) {
    const exact = keys.find((key) => normalized(key) === normalized(locale));
    if (exact !== undefined) return exact;
    const base = keys.find((key) => baseLanguage(key) === baseLanguage(locale));
    if (base !== undefined) return base;
  }
  return keys[0];
}
