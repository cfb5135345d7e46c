/**
 * The script-tag entry (`dist/statuskit.js`):
 *
 * ```html
 * <script type="module" src="…/statuskit.js" data-feed="https://status.example/v1"
 *         data-service="tax-return" data-auto-banner></script>
 * ```
 *
 * It holds only the shared feed client and the decision whether anything needs showing. The
 * rendering code (lit, the translator, templates, the default language) is loaded with a dynamic
 * `import()` the first time an element on the page has something to render, so a quiet page pays
 * for the client alone. Loading the bundle twice is harmless: the second copy stands down.
 */
import type { FeedState } from '@statuskit/client';
import { markPresentAtLoad, watchFeed } from './feed/feed-clients.js';
import { adoptScriptConfig } from './feed/page-config.js';
import {
  alwaysRenders,
  elementTarget,
  TAG_SELECTOR,
  wantsRendering,
} from './feed/render-demand.js';

export { configure } from './feed/page-config.js';
/**
 * `import { addLanguage } from '…/statuskit.js'` in a page's own module: takes effect when the
 * rendering code loads (at once if it has), without loading it.
 */
export { queueLanguage as addLanguage } from './language/pending-languages.js';

const RUNNING = Symbol.for('statuskit.script-tag');
/** Upcoming maintenance enters its notice window as time passes, without any feed event. */
const RECHECK_MS = 60_000;

type Global = typeof globalThis & { [RUNNING]?: boolean };

function start(): void {
  const config = adoptScriptConfig(import.meta.url);
  const watched = new Map<Element, { stop: () => void; state: FeedState | undefined }>();
  let loading = false;
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const load = (): void => {
    if (loading) return;
    loading = true;
    observer?.disconnect();
    if (timer !== undefined) clearInterval(timer);
    for (const { stop } of watched.values()) stop();
    watched.clear();
    import('./define-all.js').then(
      ({ defineAll }) => {
        defineAll();
      },
      () => {
        // The rendering code could not be fetched (offline, blocked): stay quiet, never throw,
        // and try again at the next reason to render.
        loading = false;
        watch();
      },
    );
  };

  const check = (element: Element, state: FeedState | undefined): void => {
    if (!loading && state && wantsRendering(element, state, Date.now())) load();
  };

  const consider = (element: Element): void => {
    if (loading || watched.has(element)) return;
    if (alwaysRenders(element)) {
      load();
      return;
    }
    const { feed, service } = elementTarget(element);
    if (feed === undefined) return;
    const entry: { stop: () => void; state: FeedState | undefined } = {
      stop: () => undefined,
      state: undefined,
    };
    watched.set(element, entry);
    entry.stop = watchFeed(feed, service, (state) => {
      entry.state = state;
      check(element, state);
    });
  };

  const scan = (root: ParentNode, atLoad: boolean): void => {
    if (root instanceof Element && root.matches(TAG_SELECTOR)) {
      if (atLoad) markPresentAtLoad(root);
      consider(root);
    }
    for (const element of root.querySelectorAll(TAG_SELECTOR)) {
      if (atLoad) markPresentAtLoad(element);
      consider(element);
    }
  };

  const begin = (): void => {
    if (config.autoBanner && !document.querySelector('status-banner')) {
      const banner = document.createElement('status-banner');
      const parent = document.querySelector('main') ?? document.body;
      // Before the page's main heading (ACCESSIBILITY.md), in normal flow (WCAG 2.4.11).
      parent.prepend(banner);
    }
    scan(document, true);
    if (!loading) watch();
  };

  /** Keeps checking until something needs rendering. */
  function watch(): void {
    scan(document, false);
    if (loading) return;
    // Pages that add elements later (single-page apps) still get them checked.
    observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element) scan(node, false);
        }
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    timer = setInterval(() => {
      for (const [element, { state }] of watched) check(element, state);
    }, RECHECK_MS);
  }

  const safely = (): void => {
    try {
      begin();
    } catch {
      // Whatever happens here, the host page must keep working.
    }
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', safely, { once: true });
  } else {
    safely();
  }
}

const scope = globalThis as Global;
if (typeof document !== 'undefined' && !scope[RUNNING]) {
  scope[RUNNING] = true;
  try {
    start();
  } catch {
    // Whatever happens here, the host page must keep working.
  }
}
