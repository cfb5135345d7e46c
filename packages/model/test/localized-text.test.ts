import { describe, expect, it } from 'vitest';
import { pickLocale, resolveText } from '../src/localized-text.js';

const text = { da: 'Log ind', en: 'Log in', 'en-GB': 'Sign in', 'sv-FI': 'Logga in' };

describe('pickLocale and resolveText', () => {
  it('takes the exact tag, case-insensitively, keeping the key as written', () => {
    expect(pickLocale(text, 'en-GB', 'da')).toBe('en-GB');
    expect(pickLocale(text, 'EN-gb', 'da')).toBe('en-GB');
    expect(pickLocale(text, 'en_GB', 'da')).toBe('en-GB');
    expect(resolveText(text, 'en-gb', 'da')).toBe('Sign in');
  });

  it('falls back from a regional tag to its base language', () => {
    expect(resolveText(text, 'en-US', 'da')).toBe('Log in');
    expect(resolveText({ zh: '登录', 'zh-Hant': '登錄' }, 'zh-Hant-TW', 'da')).toBe('登錄');
    expect(resolveText({ de: 'Anmelden' }, 'de-x-formal', 'da')).toBe('Anmelden');
  });

  it('matches a base language to a regional key when no exact base exists', () => {
    expect(pickLocale(text, 'sv', 'da')).toBe('sv-FI');
    expect(pickLocale({ 'en-GB': 'Sign in', da: 'Log ind' }, 'en-US', 'da')).toBe('en-GB');
  });

  it('tries each requested locale in turn before the default', () => {
    expect(resolveText(text, ['fr', 'de-AT', 'sv-SE', 'en'], 'da')).toBe('Logga in');
    expect(resolveText(text, ['fr', 'en-US'], 'da')).toBe('Log in');
    // Exact, then base, then same language, for one locale before moving to the next.
    expect(pickLocale({ 'sv-FI': 'Logga in', en: 'Log in' }, ['sv', 'en'], 'da')).toBe('sv-FI');
  });

  it("falls back to the document's default locale, exact then base", () => {
    expect(resolveText(text, ['fr', 'de'], 'da')).toBe('Log ind');
    expect(resolveText(text, 'fr', 'da-DK')).toBe('Log ind');
    expect(resolveText({ 'da-DK': 'Log ind', en: 'Log in' }, 'fr', 'da')).toBe('Log ind');
  });

  it('falls back to the first entry present when nothing else matches', () => {
    expect(resolveText({ fi: 'Kirjaudu', sv: 'Logga in' }, 'fr', 'da')).toBe('Kirjaudu');
    expect(resolveText({ fi: 'Kirjaudu' }, [], '')).toBe('Kirjaudu');
  });

  it('skips empty entries and returns an empty string when there is no text', () => {
    expect(resolveText({ en: '', da: 'Log ind' }, 'en', 'fr')).toBe('Log ind');
    expect(pickLocale({}, 'en', 'da')).toBeUndefined();
    expect(pickLocale({ en: '' }, 'en', 'da')).toBeUndefined();
    expect(pickLocale(undefined, 'en', 'da')).toBeUndefined();
    expect(resolveText(undefined, 'en', 'da')).toBe('');
    expect(resolveText({}, ['en'], 'da')).toBe('');
  });

  it('ignores empty requested locales', () => {
    expect(resolveText(text, ['', ' '], 'en')).toBe('Log in');
  });
});
