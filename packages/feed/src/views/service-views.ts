import { createHash } from 'node:crypto';
import { deriveServiceView, type ServiceView } from '@statuskit/model';
import type { FeedMetrics } from '../metrics.js';
import type { ChangeStore } from '../store/change-store.js';
import type { ViewLanguage } from './view-language.js';
import { translatorFor, wordNotices } from './view-wording.js';

/** What views are derived from: the document, its revision and whether it may be out of date. */
export type ViewStore = Pick<ChangeStore, 'document' | 'revision' | 'health'>;

/** Views kept: one per (service, language) asked for; the oldest goes first. */
const MAX_CACHED_VIEWS = 2048;

/** A `ServiceView`, serialized once for `status.json?view=` and once as a stream event. */
export interface RenderedView {
  /** `<revision>-<hash>`: the `id:` of its stream event; the ETag is it in quotes. */
  readonly id: string;
  readonly etag: string;
  readonly body: Buffer;
  /** `event: view` with `id:` and the body on one `data:` line. */
  readonly frame: Buffer;
  /** When time alone changes the view (epoch ms), if it will. */
  readonly nextChangeAt: number | undefined;
}

interface CacheEntry {
  readonly view: RenderedView;
  /** Hash of everything but `revision` and `generatedAt`: equal hashes, equal views. */
  readonly hash: string;
  /** The store's revision and unavailability when the view was last checked. */
  readonly revision: number;
  readonly since: string | undefined;
}

/**
 * Renders service views (`status.json?view=`, `stream?view=`), one per (service, language),
 * reused until the revision, the store's health or the view's `nextChangeAt` changes. A view
 * derived again that says the same keeps its id (and its `revision` and `generatedAt`), so a
 * change elsewhere in the document costs its streams nothing. Every derivation is counted in
 * `metrics.viewsDerived`.
 */
export class ServiceViews {
  readonly #store: ViewStore;
  readonly #metrics: Pick<FeedMetrics, 'viewsDerived'>;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(store: ViewStore, metrics: Pick<FeedMetrics, 'viewsDerived'> = { viewsDerived: 0 }) {
    this.#store = store;
    this.#metrics = metrics;
  }

  /** The view of `service` in `lang` at `now`; `undefined` when the document has no such service. */
  view(service: string, lang: ViewLanguage, now: number): RenderedView | undefined {
    const key = `${service}\u0000${lang}`;
    const cached = this.#cache.get(key);
    const { revision, health } = this.#store;
    if (
      cached &&
      cached.revision === revision &&
      cached.since === health.since &&
      now < (cached.view.nextChangeAt ?? Infinity)
    ) {
      return cached.view;
    }
    const derived = deriveServiceView(this.#store.document, service, now, lang);
    if (derived === undefined) {
      this.#cache.delete(key);
      return undefined;
    }
    this.#metrics.viewsDerived += 1;
    const {
      format,
      nextChangeAt,
      notices: _notices,
      alternatives,
      dependencies,
      ...head
    } = derived;
    // The store cannot be reached: this is the last document this process has.
    const stale = health.state !== 'ok' && {
      fresh: false as const,
      ...(health.since !== undefined && { staleSince: health.since }),
    };
    const content = {
      ...(nextChangeAt !== undefined && { nextChangeAt }),
      ...stale,
      ...head,
      notices: wordNotices(derived, translatorFor(lang)),
      alternatives,
      dependencies,
    };
    const hash = createHash('sha256')
      .update(JSON.stringify(content))
      .digest('base64url')
      .slice(0, 22);
    const entry: CacheEntry =
      cached?.hash === hash
        ? { ...cached, revision, since: health.since }
        : {
            view: render(format, revision, now, content, hash),
            hash,
            revision,
            since: health.since,
          };
    this.#cache.delete(key);
    if (this.#cache.size >= MAX_CACHED_VIEWS) {
      const oldest = this.#cache.keys().next();
      if (oldest.done !== true) this.#cache.delete(oldest.value);
    }
    this.#cache.set(key, entry);
    return entry.view;
  }
}

function render(
  format: ServiceView['format'],
  revision: number,
  now: number,
  content: Omit<ServiceView, 'format' | 'revision' | 'generatedAt'>,
  hash: string,
): RenderedView {
  const { service, lang, ...fields } = content;
  const view: ServiceView = {
    format,
    service,
    lang,
    revision,
    generatedAt: new Date(now).toISOString(),
    ...fields,
  };
  const json = JSON.stringify(view);
  const id = `${revision}-${hash}`;
  return {
    id,
    etag: `"${id}"`,
    body: Buffer.from(json),
    // JSON.stringify never emits a raw line break: the data is one line.
    frame: Buffer.from(`id: ${id}\nevent: view\ndata: ${json}\n\n`, 'utf8'),
    nextChangeAt: content.nextChangeAt === undefined ? undefined : Date.parse(content.nextChangeAt),
  };
}
