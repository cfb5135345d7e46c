// The sign-in screen's texts exist in both languages, key for key.
import { expect, it } from 'vitest';
import da from '../src/locales/da/signIn.js';
import en from '../src/locales/en/signIn.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix === '' ? key : `${prefix}.${key}`),
  );
}

it('has every signIn key in Danish and English, none empty', () => {
  expect(keys(da).sort()).toEqual(keys(en).sort());
  for (const texts of [da, en]) {
    for (const key of keys(texts)) {
      const text = key
        .split('.')
        .reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], texts);
      expect(typeof text === 'string' && text.trim() !== '', key).toBe(true);
    }
  }
});
