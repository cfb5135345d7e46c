import type { LocalizedText } from '@statuskit/model';

/** A feed text for the operator: in the console's language, else the feed's default, else any. */
export function textIn(text: LocalizedText | undefined, language: string, fallback = ''): string {
  if (!text) return fallback;
  return text[language] ?? Object.values(text)[0] ?? fallback;
}

/** A time for the operator, in the feed's time zone and the console's language. */
export function timeIn(iso: string, language: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(date);
  } catch {
    return date.toISOString();
  }
}
