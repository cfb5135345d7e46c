import type { ServerResponse } from 'node:http';
import { narrowChange, narrowDocument, type Change } from '@statuskit/model';
import type { FeedMetrics } from '../metrics.js';
import type { ChangeRecord, ChangeStore } from '../store/change-store.js';
import { frameEvent, frameRetry, HEARTBEAT } from './frame.js';
import { filterKey, filterScope } from './stream-filter.js';

export interface StreamHubOptions {
  readonly store: ChangeStore;
  readonly metrics: FeedMetrics;
  readonly heartbeatMs: number;
  /** Reconnect delay sent on connect (`retry:`). */
  readonly retryMs: number;
  /** On shutdown each client is told to wait `retryMs` plus a random share of this. */
  readonly shutdownJitterMs?: number;
  /** A client whose unsent data passes this is disconnected; it resumes with Last-Event-ID. */
  readonly maxBufferedBytes?: number;
}

/** Subscribers with the same service filter: they share every serialized event. */
interface Group {
  readonly key: string;
  readonly filter: readonly string[] | undefined;
  scope: ReadonlySet<string> | undefined;
  readonly streams: Set<ServerResponse>;
  /** Revision of the last event this group was sent, for the `prev` field. */
  last: number;
  snapshot?: { readonly revision: number; readonly frame: Buffer };
}

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // Tells nginx-style proxies not to buffer the stream.
  'x-accel-buffering': 'no',
};

/**
 * Fan-out: one serialization per event and filter, the same Buffer written to every stream, one
 * shared heartbeat timer, and slow clients dropped so memory stays bounded.
 */
export class StreamHub {
  readonly #options: StreamHubOptions;
  readonly #groups = new Map<string, Group>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #unsubscribe: () => void;
  readonly #maxBuffered: number;
  #open = 0;
  #closed = false;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
    this.#unsubscribe = options.store.subscribe((records) => {
      this.#publish(records);
    });
    this.#heartbeat = setInterval(() => {
      this.#broadcast(HEARTBEAT);
    }, options.heartbeatMs);
    this.#heartbeat.unref();
  }

  get openStreams(): number {
    return this.#open;
  }

  /**
   * Starts an event stream on `res`: a snapshot, or the events missed since `lastEventId`
   * (a snapshot when they are no longer kept), then every matching change.
   */
  attach(
    res: ServerResponse,
    filter: readonly string[] | undefined,
    lastEventId: number | undefined,
  ): void {
    if (this.#closed) {
      res.writeHead(503, { 'retry-after': '5', 'content-length': '0' }).end();
      return;
    }
    res.writeHead(200, STREAM_HEADERS);
    res.socket?.setNoDelay(true);
    const group = this.#groupFor(filter);
    this.#write(res, frameRetry(this.#options.retryMs), group, false);

    const missed = lastEventId === undefined ? undefined : this.#options.store.since(lastEventId);
    if (missed === undefined || lastEventId === undefined) {
      this.#write(res, this.#snapshotFrame(group), group);
    } else {
      let prev = lastEventId;
      for (const record of missed) {
        const frame = this.#frameFor(record, group, prev);
        if (!frame) continue;
        this.#write(res, frame, group);
        prev = record.revision;
      }
    }
    if (res.destroyed) return;

    group.streams.add(res);
    this.#open += 1;
    this.#options.metrics.streamsOpened += 1;
    res.on('close', () => {
      if (group.streams.delete(res)) this.#open -= 1;
      if (group.streams.size === 0) this.#groups.delete(group.key);
    });
  }

  /** Tells every client to come back after a jittered delay, then ends the streams. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#unsubscribe();
    const jitter = this.#options.shutdownJitterMs ?? 10_000;
    for (const group of this.#groups.values()) {
      for (const res of group.streams) {
        res.end(frameRetry(this.#options.retryMs + Math.random() * jitter));
      }
    }
    this.#groups.clear();
    this.#open = 0;
  }

  #groupFor(filter: readonly string[] | undefined): Group {
    const key = filterKey(filter);
    let group = this.#groups.get(key);
    if (!group) {
      const document = this.#options.store.document;
      group = {
        key,
        filter,
        scope: filter && filterScope(document, filter),
        streams: new Set(),
        // 0 means "no earlier event known": a client never sees a false gap on a new group.
        last: 0,
      };
      this.#groups.set(key, group);
    }
    return group;
  }

  #snapshotFrame(group: Group): Buffer {
    const { store } = this.#options;
    if (group.snapshot?.revision !== store.revision) {
      const document = group.filter ? narrowDocument(store.document, group.filter) : store.document;
      const data = JSON.stringify({ revision: store.revision, document });
      group.snapshot = {
        revision: store.revision,
        frame: frameEvent(store.revision, 'snapshot', data),
      };
    }
    return group.snapshot.frame;
  }

  #frameFor(record: ChangeRecord, group: Group, prev: number): Buffer | undefined {
    const change = group.scope
      ? narrowChange(record.change, group.scope, new Set(record.services))
      : record.change;
    if (!change) return undefined;
    return frameEvent(
      record.revision,
      change.type,
      JSON.stringify(eventData(record, change, prev)),
    );
  }

  #publish(records: readonly ChangeRecord[]): void {
    if (records.some((record) => record.change.type === 'service')) this.#refreshScopes();
    for (const record of records) {
      for (const group of this.#groups.values()) {
        const frame = this.#frameFor(record, group, group.last);
        if (!frame) continue;
        group.last = record.revision;
        for (const res of group.streams) this.#write(res, frame, group);
      }
    }
  }

  /** A service change may alter dependencies, and with them what a filter covers. */
  #refreshScopes(): void {
    const document = this.#options.store.document;
    for (const group of this.#groups.values()) {
      if (group.filter) group.scope = filterScope(document, group.filter);
    }
  }

  #broadcast(frame: Buffer): void {
    for (const group of this.#groups.values()) {
      for (const res of group.streams) this.#write(res, frame, group, false);
    }
  }

  #write(res: ServerResponse, frame: Buffer, group: Group, isEvent = true): void {
    if (res.destroyed) return;
    res.write(frame);
    const { metrics } = this.#options;
    metrics.bytesSent += frame.length;
    if (isEvent) metrics.eventsSent += 1;
    if (res.writableLength > this.#maxBuffered) {
      // Counted, not logged: under load a log line per client would be noise.
      metrics.slowClientsDropped += 1;
      if (group.streams.delete(res)) this.#open -= 1;
      res.destroy();
    }
  }
}

function eventData(record: ChangeRecord, change: Change, prev: number): Record<string, unknown> {
  const { type: _type, ...payload } = change;
  return { revision: record.revision, prev, time: record.time, ...payload };
}
