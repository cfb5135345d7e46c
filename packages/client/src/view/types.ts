import type { ServiceView } from '@statuskit/model';
import type { ConnectionOptions, ConnectionState, FeedError } from '../types.js';

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

/** The connection options are the document client's; `status.json?view=` is what is polled. */
export interface ViewClientOptions extends ConnectionOptions {
  readonly feed: string;
  readonly service: string;
  /** BCP 47 tag of the page's language; the feed answers in it or in its default. */
  readonly lang: string;
}

export interface ViewClient {
  getState(): ViewState;
  /** Called after every change of state. Returns an unsubscribe. */
  subscribe(listener: ViewListener): () => void;
  close(): void;
}
