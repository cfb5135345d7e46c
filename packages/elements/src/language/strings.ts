/**
 * The few parts of i18next the elements use, small enough for the browser: nested resources per
 * language, a fallback chain per language ending in English, `{{name}}` interpolation and
 * `_one`/`_other`/… plurals chosen by `Intl.PluralRules`. The locale files stay in i18next's
 * format and the feed renders its sentences from them with real i18next; a test renders every
 * key of every shipped language with both and requires the same output.
 *
 * What it deliberately leaves out, because no resource uses it: nesting (`$t(…)`), formatters
 * (`{{value, format}}`), context, namespaces and escaping (lit escapes when it renders).
 */

/** A language's strings: nested objects of plain text, keys as in `locales/en.ts`. */
export interface LanguageResources {
  readonly [key: string]: string | LanguageResources;
}

/** Values for `{{placeholders}}`; a numeric `count` also picks the plural form. */
export type TranslationValues = Readonly<Record<string, string | number>>;

type Tree = { [key: string]: string | Tree };

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

/** Resources per language code, looked up through a fallback chain. */
export class StringTable {
  private readonly resources = new Map<string, Tree>();
  private readonly plurals = new Map<string, Intl.PluralRules | undefined>();

  /** `chain(code)` lists the languages to try after `code`, in order (English last). */
  constructor(private readonly chain: (code: string) => readonly string[]) {}

  has(code: string): boolean {
    return this.resources.has(code);
  }

  /**
   * Merges `added` into `code`'s strings, deeply, as i18next's `addResourceBundle(…, deep=true)`:
   * with `overwrite` the new strings win, else existing ones stay.
   */
  add(code: string, added: LanguageResources, overwrite: boolean): void {
    const target = this.resources.get(code) ?? {};
    merge(target, added, overwrite);
    this.resources.set(code, target);
  }

  /** The text for `key` in `code` (or its fallbacks), interpolated; the key itself when none has it. */
  translate(code: string, key: string, values: TranslationValues = {}): string {
    const count = values['count'];
    for (const language of [code, ...this.chain(code)]) {
      const text = this.lookUp(language, key, typeof count === 'number' ? count : undefined);
      if (text !== undefined) return interpolate(text, values);
    }
    return key;
  }

  private lookUp(code: string, key: string, count: number | undefined): string | undefined {
    const tree = this.resources.get(code);
    if (!tree) return undefined;
    // Most specific first, as i18next: `_zero` for 0 when written, the plural form, the bare key.
    const candidates = [key];
    if (count !== undefined) {
      const form = this.pluralRules(code)?.select(count);
      if (form !== undefined) candidates.unshift(`${key}_${form}`);
      if (count === 0) candidates.unshift(`${key}_zero`);
    }
    for (const candidate of candidates) {
      const found = find(tree, candidate);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private pluralRules(code: string): Intl.PluralRules | undefined {
    if (!this.plurals.has(code)) {
      let rules: Intl.PluralRules | undefined;
      try {
        rules = new Intl.PluralRules(code);
      } catch {
        // Not a tag Intl accepts: i18next then uses the bare key too.
        rules = undefined;
      }
      this.plurals.set(code, rules);
    }
    return this.plurals.get(code);
  }
}

function find(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const segment of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Object.hasOwn(node, segment) ? node[segment] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

function merge(target: Tree, added: LanguageResources, overwrite: boolean): void {
  for (const [key, value] of Object.entries(added)) {
    const existing = target[key];
    if (typeof value === 'string') {
      if (existing === undefined || overwrite) target[key] = value;
    } else if (existing !== undefined && typeof existing !== 'string') {
      merge(existing, value, overwrite);
    } else if (existing === undefined || overwrite) {
      const branch: Tree = {};
      merge(branch, value, overwrite);
      target[key] = branch;
    }
  }
}

/**
 * Fills `{{name}}` once, left to right: values are never interpolated again (feed text such as
 * `{{service}}` stays as written). A placeholder without a value stays as written, as in i18next.
 */
function interpolate(text: string, values: TranslationValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name.trim()];
    return value === undefined ? whole : String(value);
  });
}
