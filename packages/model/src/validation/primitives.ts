import type { LocalizedText } from '../types.js';
import { fieldPath, isRecord, quote, type Reader } from './reader.js';

export const string: Reader<string> = (value, path, issues) => {
  if (typeof value === 'string') return value;
  issues.push({ path, message: 'must be a string' });
  return undefined;
};

export const boolean: Reader<boolean> = (value, path, issues) => {
  if (typeof value === 'boolean') return value;
  issues.push({ path, message: 'must be true or false' });
  return undefined;
};

export function oneOf<const T extends string>(values: readonly T[]): Reader<T> {
  const known: ReadonlySet<string> = new Set(values);
  const isKnown = (text: string): text is T => known.has(text);
  const message = `must be one of ${values.map((v) => `"${v}"`).join(', ')}`;
  return (value, path, issues) => {
    if (typeof value === 'string' && isKnown(value)) return value;
    issues.push({ path, message });
    return undefined;
  };
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Ids of services, incidents, maintenance and authorities. */
export const id: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || SLUG.test(text)) return text;
  issues.push({
    path,
    message: `${quote(text)} is not an id: use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit`,
  });
  return undefined;
};

// Language, then subtags (script, region, variant). Enough to catch typos like `en_GB`; the full
// BCP 47 grammar would add nothing a fallback chain cares about.
const LOCALE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

export function isLocaleTag(text: string): boolean {
  return LOCALE_TAG.test(text);
}

export const localeTag: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || isLocaleTag(text)) return text;
  issues.push({ path, message: `${quote(text)} is not a language tag, e.g. da, en-GB, sma` });
  return undefined;
};

/** Titles, labels, names, opening hours. */
export const SHORT_TEXT_MAX = 200;
/** Messages and details. */
export const LONG_TEXT_MAX = 5000;

// Text is shown as plain text, so markup is harmless; control characters are not (they garble
// screen readers and logs). Newlines, CRLF from HTML form fields, and tabs are allowed.
const CONTROL = /\r(?!\n)|(?![\t\n\r])\p{Cc}/u;

/** Whether the text has more than `max` characters (code points, so an emoji counts once). */
function longerThan(text: string, max: number): boolean {
  // Code units never undercount code points, so only long strings need counting.
  if (text.length <= max) return false;
  const surrogatePairs = text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return text.length - surrogatePairs > max;
}

function plainText(max: number): Reader<string> {
  return (value, path, issues) => {
    const text = string(value, path, issues);
    if (text === undefined) return undefined;
    const problem =
      text.trim() === ''
        ? 'must not be empty'
        : longerThan(text, max)
          ? `must be at most ${max} characters`
          : CONTROL.test(text)
            ? 'must not contain control characters (newlines and tabs are fine)'
            : undefined;
    if (problem === undefined) return text;
    issues.push({ path, message: problem });
    return undefined;
  };
}

/** A map of language tag → plain text with at least one entry, each at most `max` characters. */
export function localizedText(max: number): Reader<LocalizedText> {
  const text = plainText(max);
  return (value, path, issues) => {
    if (!isRecord(value)) {
      issues.push({
        path,
        message: 'must be an object of language tag → text, e.g. { "da": "…" }',
      });
      return undefined;
    }
    const entries = Object.entries(value);
    if (entries.length === 0) {
      issues.push({ path, message: 'must have text in at least one language' });
      return undefined;
    }
    const result: Record<string, string> = {};
    let complete = true;
    for (const [tag, entry] of entries) {
      const entryPath = fieldPath(path, tag);
      if (!isLocaleTag(tag)) {
        issues.push({
          path: entryPath,
          message: `${quote(tag)} is not a language tag, e.g. da, en-GB, sma`,
        });
        complete = false;
        continue;
      }
      const read = text(entry, entryPath, issues);
      if (read === undefined) complete = false;
      else result[tag] = read;
    }
    return complete ? result : undefined;
  };
}

export const shortText = localizedText(SHORT_TEXT_MAX);
export const longText = localizedText(LONG_TEXT_MAX);

export function numberReader(accept: (n: number) => boolean, message: string): Reader<number> {
  return (value, path, issues) => {
    if (typeof value === 'number' && Number.isFinite(value) && accept(value)) return value;
    issues.push({ path, message: typeof value === 'number' ? message : 'must be a number' });
    return undefined;
  };
}

/**
 * A whole number from `min` to `max`, its error naming the range: "must be a whole number of
 * seconds from 1 to 300" (with `unit`), and a `note` in brackets after it when given.
 */
export function wholeNumberFrom(
  min: number,
  max: number,
  unit?: string,
  note?: string,
): Reader<number> {
  const of = unit === undefined ? '' : ` of ${unit}`;
  const aside = note === undefined ? '' : ` (${note})`;
  return numberReader(
    (n) => Number.isSafeInteger(n) && n >= min && n <= max,
    `must be a whole number${of} from ${min} to ${max}${aside}`,
  );
}

export const percentage = numberReader((n) => n > 0 && n <= 100, 'must be above 0 and at most 100');
export const positiveInteger = numberReader(
  (n) => Number.isSafeInteger(n) && n > 0,
  'must be a whole number above 0',
);
export const nonNegativeInteger = numberReader(
  (n) => Number.isSafeInteger(n) && n >= 0,
  'must be a whole number, 0 or more',
);
