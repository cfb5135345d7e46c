import { pickLocale } from '../localized-text.js';
import type { LocalizedText, Service } from '../types.js';
import type { ViewServiceRef, ViewText } from './service-view.js';

/** The base language of a tag: `da-DK` → `da`. */
function languageOf(tag: string): string {
  const normalized = tag.trim().replaceAll('_', '-').toLowerCase();
  const cut = normalized.indexOf('-');
  return cut === -1 ? normalized : normalized.slice(0, cut);
}

/**
 * `text` in `lang`, else in the document's default, else any (`pickLocale`); marked with the
 * language it is really in when that is not `lang` (WCAG 3.1.2 Language of Parts). `''` when
 * there is no text.
 */
export function viewText(
  text: LocalizedText | undefined,
  lang: string,
  fallback: string,
): ViewText {
  const key = pickLocale(text, lang, fallback);
  if (key === undefined || text === undefined) return { text: '' };
  const value = text[key] ?? '';
  return languageOf(key) === languageOf(lang) ? { text: value } : { text: value, lang: key };
}

/** A service's id and name; a service without a name is called by its id (as the elements do). */
export function serviceRef(
  id: string,
  service: Service | undefined,
  lang: string,
  fallback: string,
): ViewServiceRef {
  const name = viewText(service?.name, lang, fallback);
  return { id, name: name.text === '' ? { text: id } : name };
}
