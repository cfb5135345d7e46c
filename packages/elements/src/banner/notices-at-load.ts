/**
 * What the page's banner for a service would have shown when the page loaded, as announcement
 * tokens (`key@version`, `:soon` for the warning). The script-tag entry watches the feed while the
 * page is quiet and loads the rendering code only once there is news; the banner, upgraded then,
 * announces what is new since load instead of taking it as what was already there. Whoever
 * watched the feed at load notes it here, from a view (`noteViewAtLoad`) or from the whole
 * document (`provideNoticesAtLoad`). On a global, so a second copy of the bundle sees it too; no
 * dependencies, so the banner can read it without loading what wrote it.
 */

type Provider = (service: string) => readonly string[];

interface Registry {
  readonly noted: Map<string, readonly string[]>;
  readonly providers: Map<string, Provider>;
}

const KEY = Symbol.for('statuskit.notices-at-load');

function registry(): Registry {
  const scope = globalThis as unknown as Record<symbol, Registry | undefined>;
  let known = scope[KEY];
  if (!known) {
    known = { noted: new Map(), providers: new Map() };
    scope[KEY] = known;
  }
  return known;
}

/** Notes the tokens of `service` on `feed` at load, unless noted already. */
export function noteNoticesAtLoad(feed: string, service: string, tokens: readonly string[]): void {
  const { noted } = registry();
  const key = `${feed}\n${service}`;
  if (!noted.has(key)) noted.set(key, [...tokens]);
}

/** Registers how to tell the tokens of any service of `feed` at load, unless registered already. */
export function provideNoticesAtLoad(feed: string, provider: Provider): void {
  const { providers } = registry();
  if (!providers.has(feed)) providers.set(feed, provider);
}

/** The tokens the banner for `service` would have shown at load, if anyone watched. */
export function noticesAtLoad(feed: string, service: string): readonly string[] | undefined {
  const { noted, providers } = registry();
  const tokens = noted.get(`${feed}\n${service}`);
  if (tokens) return tokens;
  try {
    return providers.get(feed)?.(service);
  } catch {
    return undefined;
  }
}
