/**
 * Which language an element speaks. Pure functions; the DOM is only read in `requestedLanguage`.
 */

/** Shipped with the package; `en` is bundled, the others load on demand. */
export const SHIPPED_LANGUAGES = ['da', 'sv', 'fi', 'nb', 'nn', 'is', 'en'] as const;

export const DEFAULT_LANGUAGE = 'en';

/** Shipped languages that take missing strings from another before English (Nynorsk from Bokmål). */
export const SHIPPED_FALLBACKS: ReadonlyMap<string, readonly string[]> = new Map([['nn', ['nb']]]);

/** Codes that mean a language we ship under another code. */
const ALIASES: Readonly<Record<string, string>> = { no: 'nb' };

/** Lower case, `_` read as `-`, trimmed. */
export function normalizeTag(tag: string): string {
  return tag.trim().replaceAll('_', '-').toLowerCase();
}

/** The base language of a tag: `nb-NO` → `nb`. */
export function baseLanguage(tag: string): string {
  const normalized = normalizeTag(tag);
  const cut = normalized.indexOf('-');
  return cut === -1 ? normalized : normalized.slice(0, cut);
}

/**
 * The language to show for a requested tag, among `available` ones: the exact tag, then shorter
 * prefixes (`sv-FI` → `sv`), then aliases (`no` → `nb`), else `en`.
 */
export function resolveLanguage(
  requested: string | undefined,
  available: Iterable<string>,
): string {
  const known = new Map<string, string>();
  for (const code of available) known.set(normalizeTag(code), code);
  if (requested === undefined) return DEFAULT_LANGUAGE;
  let tag = normalizeTag(requested);
  while (tag !== '') {
    const match = known.get(tag) ?? known.get(ALIASES[tag] ?? '');
    if (match !== undefined) return match;
    const cut = tag.lastIndexOf('-');
    tag = cut === -1 ? '' : tag.slice(0, cut);
  }
  return DEFAULT_LANGUAGE;
}

function navigatorLanguage(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language || undefined;
}

/**
 * The language an element is asked to speak: its own `lang`, else the nearest `lang` around it
 * (through shadow roots, so an element inside another component follows that component's page),
 * else the browser's language. `lang=""` means "unknown" in HTML and falls through to the browser.
 */
export function requestedLanguage(element: Element): string | undefined {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang !== null) return lang.trim() || navigatorLanguage();
    const parent: Element | null = node.parentElement;
    if (parent) {
      node = parent;
      continue;
    }
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return navigatorLanguage();
}
