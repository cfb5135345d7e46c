import { createInstance } from 'i18next';
import type { i18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LANGUAGES } from '../src/language/languages.js';
import { StringTable } from '../src/language/strings.js';
import type { LanguageResources } from '../src/language/strings.js';

type Tree = { readonly [key: string]: string | Tree };

/** Every key with its text, plural forms (`x_one`, `x_other`) folded into `x`. */
function keys(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
      result.set(base, `${result.get(base) ?? ''} ${value}`);
    } else for (const [leaf, text] of keys(value, path)) result.set(leaf, text);
  }
  return result;
}

async function locale(code: string): Promise<LanguageResources> {
  const module = (await import(`../src/language/locales/${code}.ts`)) as {
    default: LanguageResources;
  };
  return module.default;
}

/** Feed-like sample values for every placeholder of a text, markup and braces included. */
function samples(text: string, count: number): Record<string, string | number> {
  const values: Record<string, string | number> = { count };
  for (const [, name] of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (name !== undefined && name !== 'count') values[name] = `<${name}> & {{${name}}} $t(x)`;
  }
  return values;
}

/** i18next configured as the feed and the old elements used it. */
async function realI18next(
  resources: Record<string, LanguageResources>,
  fallbacks: ReadonlyMap<string, readonly string[]>,
): Promise<i18n> {
  const instance = createInstance();
  await instance.init({
    lng: 'en',
    fallbackLng: (code: string) => [...(fallbacks.get(code) ?? []), 'en'],
    resources: Object.fromEntries(
      Object.entries(resources).map(([code, strings]) => [code, { translation: strings }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const COUNTS = [0, 1, 2, 5, 21];

describe('the browser translator renders exactly what i18next renders', () => {
  it('every key of every shipped language, with sample values and counts 0, 1, 2, 5, 21', async () => {
    const fallbacks = new Map([['nn', ['nb']]]);
    const resources: Record<string, LanguageResources> = {};
    for (const code of SHIPPED_LANGUAGES) resources[code] = await locale(code);
    const i18next = await realI18next(resources, fallbacks);
    const table = new StringTable((code) => [...(fallbacks.get(code) ?? []), 'en']);
    for (const [code, strings] of Object.entries(resources)) table.add(code, strings, true);

    let compared = 0;
    for (const code of SHIPPED_LANGUAGES) {
      const t = i18next.getFixedT(code);
      for (const [key, text] of keys(resources[code] as Tree)) {
        for (const count of COUNTS) {
          const values = samples(text, count);
          expect(table.translate(code, key, values), `${code} ${key} count=${count}`).toBe(
            t(key, values),
          );
          compared += 1;
        }
        expect(table.translate(code, key), `${code} ${key} without values`).toBe(t(key));
      }
    }
    expect(compared).toBeGreaterThan(SHIPPED_LANGUAGES.length * 100 * COUNTS.length);
  });

  it('an added language: missing keys from its fallback, then English; overwrites merge deeply', async () => {
    const fallbacks = new Map([['se', ['nb']]]);
    const nb = await locale('nb');
    const en = await locale('en');
    const se: LanguageResources = {
      banner: { hide: 'Čiega dán dieđu', heading: { outage: '{{service}} ii doaimma' } },
      dependencies: { summary: { problems_one: '{{count}} / {{total}} váttisvuođat' } },
    };
    const i18next = await realI18next({ en, nb, se }, fallbacks);
    i18next.addResourceBundle('se', 'translation', { banner: { hide: 'Čiehká' } }, true, true);
    i18next.addResourceBundle('nb', 'translation', { banner: { hide: 'ikke brukt' } }, true, false);
    const table = new StringTable((code) => [...(fallbacks.get(code) ?? []), 'en']);
    table.add('en', en, true);
    table.add('nb', nb, true);
    table.add('se', se, true);
    table.add('se', { banner: { hide: 'Čiehká' } }, true);
    table.add('nb', { banner: { hide: 'ikke brukt' } }, false);

    const t = i18next.getFixedT('se');
    for (const [key, text] of keys(en)) {
      for (const count of COUNTS) {
        const values = samples(text, count);
        expect(table.translate('se', key, values), `se ${key} count=${count}`).toBe(t(key, values));
      }
    }
    expect(table.translate('se', 'banner.hide')).toBe('Čiehká');
    expect(table.translate('se', 'no.such.key')).toBe(t('no.such.key'));
    expect(table.translate('se', 'banner.heading')).toBe('banner.heading');
  });
});
