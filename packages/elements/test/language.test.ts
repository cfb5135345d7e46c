import { describe, expect, it } from 'vitest';
import { resolveLanguage, SHIPPED_LANGUAGES } from '../src/language/languages.js';
import { addLanguage, availableLanguages, translatorFor } from '../src/language/translator.js';
import en from '../src/language/locales/en.js';
import { translator } from './language-ready.js';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') result.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) result.set(leaf, text);
  }
  return result;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();

describe('language resolution', () => {
  it('takes the exact tag, then the base language, then aliases, else English', () => {
    const available = SHIPPED_LANGUAGES;
    expect(resolveLanguage('da', available)).toBe('da');
    expect(resolveLanguage('da-DK', available)).toBe('da');
    expect(resolveLanguage('sv_FI', available)).toBe('sv');
    expect(resolveLanguage('NN-no', available)).toBe('nn');
    expect(resolveLanguage('no', available)).toBe('nb');
    expect(resolveLanguage('se', available)).toBe('en');
    expect(resolveLanguage(undefined, available)).toBe('en');
    expect(resolveLanguage('', available)).toBe('en');
  });
});

describe('shipped translations', () => {
  const english = leaves(en);

  for (const code of SHIPPED_LANGUAGES.filter((language) => language !== 'en')) {
    it(`${code} has every English string, non-empty, with the same placeholders`, async () => {
      const module = (await import(`../src/language/locales/${code}.ts`)) as { default: Tree };
      const strings = leaves(module.default);
      expect([...strings.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of strings) {
        expect(text.trim(), key).not.toBe('');
        if (key.startsWith('format.')) continue;
        expect(placeholders(text), `${code} ${key}`).toEqual(placeholders(english.get(key) ?? ''));
      }
    });
  }

  it('plurals: "1 of 5 … has", "2 of 5 … have"', async () => {
    const t = await translator('en');
    expect(t('dependencies.summary.problems', { count: 1, total: 5 })).toBe(
      '1 of 5 shared services has problems',
    );
    expect(t('dependencies.summary.problems', { count: 2, total: 5 })).toBe(
      '2 of 5 shared services have problems',
    );
    const fi = await translator('fi');
    expect(fi('dependencies.summary.ok', { count: 3 })).toBe(
      'Kaikki 3 yhteistä palvelua toimivat normaalisti',
    );
  });

  it('does not escape: lit escapes at render time, so "<b>" stays text, not "&lt;b&gt;"', async () => {
    const t = await translator('en');
    expect(t('banner.resolved', { service: '<b>Tax</b>' })).toBe(
      '<b>Tax</b> is working normally again.',
    );
  });
});

describe('adding a language', () => {
  it('is one call; missing strings come from the fallback, then English', async () => {
    await translator('nb');
    addLanguage('se', { banner: { hide: 'Čiega dán dieđu' } }, { fallback: ['nb'] });
    expect(availableLanguages()).toContain('se');
    expect(resolveLanguage('se-NO', availableLanguages())).toBe('se');
    const t = translatorFor('se');
    expect(t('banner.hide')).toBe('Čiega dán dieđu');
    expect(t('banner.alternatives')).toBe('Dette kan du gjøre i stedet');
  });
});

describe('feed text inside sentences', () => {
  it('is never interpreted by i18next: no nesting, no interpolation of values', async () => {
    const t = await translator('en');
    expect(t('banner.resolved', { service: '$t(banner.hide)' })).toBe(
      '$t(banner.hide) is working normally again.',
    );
    expect(t('banner.resolved', { service: '{{service}}' })).toBe(
      '{{service}} is working normally again.',
    );
  });
});
