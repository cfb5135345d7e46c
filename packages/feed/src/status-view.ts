import { createHash } from 'node:crypto';
import {
  effectiveStatus,
  narrowDocument,
  nextTransition,
  noticesFor,
  type Notice,
  type NoticeBase,
  type StatusDocument,
} from '@statuskit/model';
import { filterScope, scopeKey } from './sse/stream-filter.js';
import type { ChangeStore } from './store/change-store.js';

/** Even with nothing scheduled, derive again now and then so `generatedAt` stays honest. */
const MAX_AGE_MS = 60_000;
/** Bodies kept: one per distinct view (dependency closure); the oldest goes first. */
const MAX_CACHED_VIEWS = 256;

/**
 * A notice in `status.json`: instead of a copy of the incident, maintenance or service it is
 * about, its `id` (the entity itself is in `document`), which keeps the body small.
 */
export type NoticeSummary = NoticeBase & { readonly kind: Notice['kind']; readonly id: string };

/** A rendered `status.json` body with its strong ETag. */
export interface StatusView {
  readonly body: Buffer;
  readonly etag: string;
}

interface CacheEntry extends StatusView {
  readonly revision: number;
  /** When the store became unavailable, for a body built while it was (else undefined). */
  readonly since: string | undefined;
  readonly validUntil: number;
}

/**
 * Builds `status.json` bodies. Derivation depends on the revision and on the clock (maintenance
 * windows open and close), so a body is reused until the revision changes or the next instant at
 * which some derived status could change; the ETag is a hash of the body.
 */
export class StatusViews {
  readonly #store: ChangeStore;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(store: ChangeStore) {
    this.#store = store;
  }

  view(filter: readonly string[] | undefined, now = Date.now()): StatusView {
    // Filters with the same dependency closure render the same body: one entry for them all.
    const scope = filter && filterScope(this.#store.document, filter);
    const key = scopeKey(scope);
    const cached = this.#cache.get(key);
    const { health } = this.#store;
    if (
      cached &&
      cached.revision === this.#store.revision &&
      cached.since === health.since &&
      now < cached.validUntil
    )
      return cached;

    const whole = this.#store.document;
    const document = scope ? narrowDocument(whole, scope) : whole;
    const body = Buffer.from(
      JSON.stringify({
        revision: this.#store.revision,
        generatedAt: new Date(now).toISOString(),
        // The store cannot be reached: this is the last document this process has, and newer
        // changes may exist. Clients must not present it as current.
        ...(health.state !== 'ok' && { fresh: false, staleSince: health.since }),
        ...derive(document, now),
        document,
      }),
    );
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const entry: CacheEntry = {
      body,
      etag: `"${this.#store.revision}-${hash}"`,
      revision: this.#store.revision,
      since: health.since,
      validUntil: reusableUntil(document, now),
    };
    // Filters are few in practice; the bound keeps many distinct ones from growing memory.
    this.#cache.delete(key);
    if (this.#cache.size >= MAX_CACHED_VIEWS) {
      const oldest = this.#cache.keys().next();
      if (oldest.done !== true) this.#cache.delete(oldest.value);
    }
    this.#cache.set(key, entry);
    return entry;
  }
}

/** Effective statuses and banner notices for every service in the document. */
export function derive(
  document: StatusDocument,
  now: number,
): { effective: ReturnType<typeof effectiveStatus>; notices: Record<string, NoticeSummary[]> } {
  const effective = effectiveStatus(document, now);
  const notices: Record<string, NoticeSummary[]> = {};
  for (const service of document.services) {
    const list = noticesFor(document, service.id, now, { effective });
    if (list.length > 0) notices[service.id] = list.map(summarize);
  }
  return { effective, notices };
}

function summarize(notice: Notice): NoticeSummary {
  const { key, version, phase, status, chain, optional, since, until } = notice;
  const subject =
    notice.kind === 'incident'
      ? notice.incident
      : notice.kind === 'maintenance'
        ? notice.maintenance
        : notice.service;
  return {
    key,
    version,
    kind: notice.kind,
    id: subject.id,
    phase,
    status,
    chain,
    optional,
    since,
    ...(until !== undefined && { until }),
  };
}

/** Until when a derived body may be reused: the next transition, or `MAX_AGE_MS` at most. */
function reusableUntil(document: StatusDocument, now: number): number {
  return Math.min(now + MAX_AGE_MS, nextTransition(document, now) ?? Infinity);
}
