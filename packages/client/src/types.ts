import type { EffectiveStatus, StatusDocument } from '@statuskit/model';

/**
 * - `connecting`: opening the stream (also while waiting to retry after a failure);
 * - `live`: the event stream is open and delivering;
 * - `polling`: streaming keeps failing (a buffering proxy, a blocked content type), so
 *   `status.json` is polled while the stream is retried in the background;
 * - `offline`: the browser reports no network; nothing is retried until it is back;
 * - `stopped`: closed, or stopped by an error that retrying cannot fix (a 4xx).
 */
export type ConnectionState = 'connecting' | 'live' | 'polling' | 'offline' | 'stopped';

/** A service id the feed does not know, and the known ids it was probably meant as. */
export interface UnknownService {
  readonly id: string;
  /** The closest ids the feed knows, closest first; empty when none is close. */
  readonly suggestions: readonly string[];
}

/**
 * Why the last attempt failed. Kept for display and diagnosis; never thrown.
 * - `unknown-service`: the feed answered 404 to a `services` filter naming ids it does not know
 *   (`unknownServices`); the client stops, since asking again cannot help.
 */
export interface FeedError {
  readonly kind: 'http' | 'network' | 'protocol' | 'unknown-service';
  /** HTTP status, for `http` and `unknown-service`. */
  readonly status?: number;
  /** For `unknown-service`: the ids, with what the feed suggests instead. */
  readonly unknownServices?: readonly UnknownService[];
  readonly message: string;
  /** When it happened (epoch ms). */
  readonly at: number;
}

/** Everything a component needs to render, as one immutable value. */
export interface FeedState {
  /** The feed's base URL, e.g. `https://status.example/v1`. */
  readonly url: string;
  /** The last known document, `undefined` until the first snapshot (or a cached one). */
  readonly document: StatusDocument | undefined;
  /** Revision of `document` (0 when none). */
  readonly revision: number;
  /** `effectiveStatus(document, now)`, recomputed on every change and when a window opens or closes. */
  readonly effective: Readonly<Record<string, EffectiveStatus>>;
  readonly connection: ConnectionState;
  /** When the feed last confirmed the data (epoch ms): an event, a heartbeat, a poll. */
  readonly lastUpdated: number | undefined;
  /** No confirmation for longer than `staleAfterMs`, or only a cached copy so far. */
  readonly stale: boolean;
  /** Where `document` came from: nothing yet, the local cache of an earlier visit, or the feed. */
  readonly source: 'none' | 'cache' | 'feed';
  readonly error: FeedError | undefined;
  /**
   * Ids of the `services` filter the feed does not know: from its 404 (then `error` is
   * `unknown-service`), or missing from the document it sent (a feed that does not answer 404).
   * Elements for these ids show nothing; empty when all is well.
   */
  readonly unknownServices: readonly UnknownService[];
}

export type FeedListener = (state: FeedState) => void;

/** How a live connection keeps itself healthy: shared by the document and the view client. */
export interface ConnectionOptions {
  /** Data older than this is marked stale (default 60,000 ms). */
  readonly staleAfterMs?: number;
  /** The feed's heartbeat interval; silence for 2.5 × this means a dead stream (default 15,000 ms). */
  readonly heartbeatMs?: number;
  /** Upper bound of the reconnect backoff (default 60,000 ms). */
  readonly maxBackoffMs?: number;
  /** Interval of `status.json` polls in the fallback (default 30,000 ms). */
  readonly pollIntervalMs?: number;
  /** Failed stream attempts in a row before polling starts (default 3). */
  readonly pollAfterFailures?: number;
  /** Keep the last data in `localStorage` for a warm start (default true). */
  readonly cache?: boolean;
  /** Share one connection between tabs of this origin (default true where supported). */
  readonly shareAcrossTabs?: boolean;
  /** For tests and non-browser hosts. */
  readonly fetch?: typeof fetch;
  /** Source of the jitter in every delay, in [0, 1) (default `Math.random`); for tests. */
  readonly random?: () => number;
}

export interface FeedClientOptions extends ConnectionOptions {
  /** Only these services and what they depend on (`?services=`); default everything. */
  readonly services?: readonly string[];
  /** Reconnect base delay until the feed sends its own `retry:` (default 3,000 ms). */
  readonly retryMs?: number;
  /** Told about every stream event and what became of it; for diagnostics and tests. */
  readonly onEvent?: (event: FeedEventInfo) => void;
}

/** One event read from the stream, and what the client did with it. */
export interface FeedEventInfo {
  /** The SSE event type: `snapshot`, `service`, `incident`, `maintenance`, `removed`, … */
  readonly type: string;
  /** The event's `revision` (0 when it had none). */
  readonly revision: number;
  /**
   * - `applied`: the document now includes it;
   * - `duplicate`: its revision is not above the one held, so it was already applied;
   * - `gap`: its `prev` is above the revision held, so an event was missed: a fresh snapshot is fetched;
   * - `invalid`: it could not be read; the stream is reopened for a fresh snapshot;
   * - `ignored`: an event type this client does not know.
   */
  readonly outcome: 'applied' | 'duplicate' | 'gap' | 'invalid' | 'ignored';
}

export interface FeedClient {
  readonly url: string;
  getState(): FeedState;
  /** Called after every batch of changes (one call per burst of events). Returns an unsubscribe. */
  subscribe(listener: FeedListener): () => void;
  /** Stops connecting, polling and relaying; state becomes `stopped`. */
  close(): void;
}
