import type { ServiceView } from '@statuskit/model';
import type { ConnectionState, FeedError } from '../types.js';

/** What an element of one service's page renders from, as one immutable value. */
export interface ViewState {
  /** The feed's base URL, e.g. `https://status.example/v1`. */
  readonly feed: string;
  readonly service: string;
  /** The language asked for; `view.lang` is the one the feed answered in. */
  readonly lang: string;
  /** The last view, `undefined` until the first (or a cached one). */
  readonly view: ServiceView | undefined;
  readonly connection: ConnectionState;
  /** When the feed last confirmed the view (epoch ms): an event, a heartbeat, a poll. */
  readonly lastUpdated: number | undefined;
  /** No confirmation for longer than `staleAfterMs`, only a cached copy so far, or `view.fresh === false`. */
  readonly stale: boolean;
  readonly source: 'none' | 'cache' | 'feed';
  readonly error: FeedError | undefined;
}

export type ViewListener = (state: ViewState) => void;

export interface ViewClientOptions {
  readonly feed: string;
  readonly service: string;
  /** BCP 47 tag of the page's language; the feed answers in it or in its default. */
  readonly lang: string;
  /** Default 60,000 ms. */
  readonly staleAfterMs?: number;
  /** The feed's heartbeat interval; silence for 2.5 × this means a dead stream (default 15,000 ms). */
  readonly heartbeatMs?: number;
  /** Upper bound of the reconnect backoff (default 60,000 ms). */
  readonly maxBackoffMs?: number;
  /** Interval of `status.json?view=` polls in the fallback (default 30,000 ms). */
  readonly pollIntervalMs?: number;
  /** Failed stream attempts in a row before polling starts (default 3). */
  readonly pollAfterFailures?: number;
  /** Keep the last view in `localStorage` for a warm start (default true). */
  readonly cache?: boolean;
  /** Share one connection between tabs of this origin (default true where supported). */
  readonly shareAcrossTabs?: boolean;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

export interface ViewClient {
  getState(): ViewState;
  /** Called after every change of state. Returns an unsubscribe. */
  subscribe(listener: ViewListener): () => void;
  close(): void;
}
