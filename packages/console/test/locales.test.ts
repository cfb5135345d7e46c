import { describe, expect, it } from 'vitest';
import { RESOURCES, UI_LANGUAGES } from '../src/locales/index.js';

/** Every key path of a nested resource object: `nav.overview`, `status.unknown`, … */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keyPaths(inner, prefix === '' ? key : `${prefix}.${key}`),
  );
}

describe('console texts', () => {
  it('has every namespace and every key in Danish and English, none empty', () => {
    const english = RESOURCES.en as Record<string, unknown>;
    for (const language of UI_LANGUAGES) {
      const resources = RESOURCES[language] as Record<string, unknown>;
      expect(Object.keys(resources).sort(), language).toEqual(Object.keys(english).sort());
      for (const [namespace, texts] of Object.entries(english)) {
        expect(keyPaths(resources[namespace]).sort(), `${language}:${namespace}`).toEqual(
          keyPaths(texts).sort(),
        );
        for (const path of keyPaths(resources[namespace])) {
          const text = path
            .split('.')
            .reduce<unknown>(
              (at, key) => (at as Record<string, unknown>)[key],
              resources[namespace],
            );
          expect(
            typeof text === 'string' && text.trim() !== '',
            `${language}:${namespace}:${path}`,
          ).toBe(true);
        }
      }
    }
  });
});
