/**
 * Page-level configuration: which feed the page uses and which service it is about. Elements
 * without `feed` or `service` attributes inherit these values, so one script tag is enough.
 *
 * Sources, later ones winning: a `<script data-statuskit …>` tag, the script tag that loaded the
 * bundle (found by its URL, since module scripts have no `document.currentScript`), and
 * `configure()`.
 */
export interface PageConfig {
  /** The feed's base URL, e.g. `https://status.example/v1`. */
  readonly feed?: string;
  /** The service this page is about, e.g. `tax-return`. */
  readonly service?: string;
  /** Insert a `<status-banner>` at the top of `<main>` (or `<body>`) when the page has none. */
  readonly autoBanner?: boolean;
}

let fromScript: PageConfig | undefined;
let fromCode: PageConfig = {};

/** Sets page-level defaults from code (for bundler users; the script tag reads its attributes). */
export function configure(config: PageConfig): void {
  fromCode = { ...fromCode, ...config };
}

/** The page's configuration as it stands now. */
export function pageConfig(): PageConfig {
  fromScript ??= readScriptConfig(findConfigScript(undefined));
  return { ...fromScript, ...fromCode };
}

/**
 * Reads the configuration of the script tag that loaded `moduleUrl` (the bundle's
 * `import.meta.url`); used by the script-tag entry.
 */
export function adoptScriptConfig(moduleUrl: string): PageConfig {
  fromScript = readScriptConfig(findConfigScript(moduleUrl));
  return pageConfig();
}

function configures(script: HTMLScriptElement | undefined): script is HTMLScriptElement {
  return (
    script !== undefined &&
    ['data-feed', 'data-service', 'data-auto-banner'].some((name) => script.hasAttribute(name))
  );
}

function findConfigScript(moduleUrl: string | undefined): HTMLScriptElement | undefined {
  if (typeof document === 'undefined') return undefined;
  const candidates: (HTMLScriptElement | undefined)[] = [];
  if (moduleUrl !== undefined) {
    const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')];
    candidates.push(scripts.find((script) => script.src === moduleUrl));
    // A CDN may redirect, so the module URL can differ from the tag's `src`: match the file name.
    const path = new URL(moduleUrl).pathname;
    const file = path.slice(path.lastIndexOf('/'));
    candidates.push(
      scripts.find((script) => configures(script) && new URL(script.src).pathname.endsWith(file)),
    );
  }
  candidates.push(document.querySelector<HTMLScriptElement>('script[data-statuskit]') ?? undefined);
  return candidates.find(configures);
}

function readScriptConfig(script: HTMLScriptElement | undefined): PageConfig {
  if (!script) return {};
  const feed = script.dataset['feed']?.trim();
  const service = script.dataset['service']?.trim();
  const autoBanner = script.dataset['autoBanner'];
  return {
    ...(feed ? { feed } : {}),
    ...(service ? { service } : {}),
    ...(autoBanner !== undefined && autoBanner !== 'false' ? { autoBanner: true } : {}),
  };
}
