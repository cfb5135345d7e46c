/**
 * The script tag's loader, in the chunk the lazily loaded elements share (`statuskit-core`), so
 * that the entry file is no more than a call: it watches each element's service through the view
 * client and loads an element's rendering code the first time it has something to show. Loading
 * the bundle twice is harmless: the second copy stands down.
 */
import { getViewClient, type ViewState } from '@statuskit/client/view';
import { ELEMENT_CHUNKS } from './element-chunks.js';
import { adoptScriptConfig } from './page-config.js';
import { markPresentAtLoad, noteFirstView } from './present-at-load.js';
import {
  demandOf,
  elementTarget,
  isStatuskitTag,
  pageLanguage,
  TAG_SELECTOR,
  TAGS,
  viewWantsRendering,
  type StatuskitTag,
} from './render-demand.js';

const RUNNING = Symbol.for('statuskit.script-tag');

type Global = typeof globalThis & { [RUNNING]?: boolean };

function start(moduleUrl: string): void {
  const config = adoptScriptConfig(moduleUrl);
  /** Tags whose rendering code is loading or loaded. */
  const loading = new Set<StatuskitTag>();
  /** Elements waiting for a reason to render, and how to stop waiting. */
  const watched = new Map<Element, () => void>();
  let observer: MutationObserver | undefined;

  const load = (tag: StatuskitTag): void => {
    if (loading.has(tag)) return;
    loading.add(tag);
    for (const [element, stop] of watched) {
      if (element.localName !== tag) continue;
      stop();
      watched.delete(element);
    }
    if (loading.size === TAGS.length) observer?.disconnect();
    ELEMENT_CHUNKS[tag]().catch(() => {
      // The rendering code could not be fetched (offline, blocked): stay quiet, never throw,
      // and try again at the next reason to render (not at once: that would fail again).
      loading.delete(tag);
      scan(document, false, false);
    });
  };

  /** Watches an element until it has something to show; `now`: check the current state too. */
  const consider = (element: Element, now: boolean): void => {
    const tag = element.localName;
    if (!isStatuskitTag(tag) || loading.has(tag) || watched.has(element)) return;
    const wanted = (): void => {
      load(tag);
    };
    switch (demandOf(element)) {
      case 'always':
        wanted();
        return;
      case 'view': {
        const { feed, service } = elementTarget(element);
        if (feed === undefined || service === undefined) return;
        // The language the element will speak, as it resolves it; the feed words the view in it.
        const client = getViewClient(feed, service, pageLanguage(element));
        const check = (state: ViewState): void => {
          // What the element would show now, before its code loads: not news for its announcements.
          if (state.source === 'feed' && state.view) noteFirstView(element, state.view, Date.now());
          if (viewWantsRendering(state.view, tag)) wanted();
        };
        watched.set(element, client.subscribe(check));
        if (now) check(client.getState());
        return;
      }
    }
  };

  function scan(root: ParentNode, atLoad: boolean, now = true): void {
    const found = [...root.querySelectorAll(TAG_SELECTOR)];
    if (root instanceof Element && root.matches(TAG_SELECTOR)) found.unshift(root);
    for (const element of found) {
      if (atLoad) markPresentAtLoad(element);
      consider(element, now);
    }
  }

  const begin = (): void => {
    if (config.autoBanner && !document.querySelector('status-banner')) {
      const banner = document.createElement('status-banner');
      const parent = document.querySelector('main') ?? document.body;
      // Before the page's main heading (ACCESSIBILITY.md), in normal flow (WCAG 2.4.11).
      parent.prepend(banner);
    }
    scan(document, true);
    if (loading.size === TAGS.length) return;
    // Pages that add elements later (single-page apps) still get them checked.
    observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof Element) scan(node, false);
        }
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  };

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

/** Starts the loader once per page, whichever copy of the bundle calls first. */
export function startScriptTag(moduleUrl: string): void {
  const scope = globalThis as Global;
  if (typeof document === 'undefined' || scope[RUNNING]) return;
  scope[RUNNING] = true;
  try {
    start(moduleUrl);
  } catch {
    // Whatever happens here, the host page must keep working.
  }
}
