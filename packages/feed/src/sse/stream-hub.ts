import type { ServerResponse } from 'node:http';
import { narrowChange, narrowDocument, type Change } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import type { FeedMetrics } from '../metrics.js';
import type { ChangeRecord, ChangeStore, StoreHealth } from '../store/change-store.js';
import type { RenderedView } from '../views/service-views.js';
import type { ViewLanguage } from '../views/view-language.js';
import { frameEvent, frameRetry, HEARTBEAT, httpChunk } from './frame.js';
import { filterScope, scopeKey } from './stream-filter.js';

/** Where view streams get their views (`ServiceViews`): one derivation per change, shared. */
export interface ViewSource {
  view(service: string, lang: ViewLanguage, now: number): RenderedView | undefined;
}

export interface StreamHubOptions {
  readonly store: ChangeStore;
  readonly metrics: FeedMetrics;
  readonly heartbeatMs: number;
  /** Reconnect delay sent on connect (`retry:`). */
  readonly retryMs: number;
  /** On shutdown each client is told to wait `retryMs` plus a random share of this. */
  readonly shutdownJitterMs?: number;
  /**
   * A client whose unsent data passes this, beyond what attaching it queued, is disconnected;
   * it resumes with Last-Event-ID.
   */
  readonly maxBufferedBytes?: number;
  /** Distinct filtered views served at once; a new one beyond it is refused with 503. */
  readonly maxFilterGroups?: number;
  /** Socket writes per slice of a fan-out (see `#pump`); small values are for tests. */
  readonly deliverySlice?: number;
  /** Service views for `stream?view=`; without it the hub serves no view streams. */
  readonly views?: ViewSource;
  /** The clock views are derived at (epoch ms); default `Date.now`. */
  readonly now?: () => number;
}

/** Streams that get the same frames: a filter group, or the streams of one view. */
interface Subscribers {
  readonly streams: Set<ServerResponse>;
}

/**
 * Subscribers whose filters reach the same services (the same dependency closure): they see the
 * same narrowed document and events, so they share every serialized event.
 */
interface Group extends Subscribers {
  /** `scopeKey(scope)`: the sorted ids of the closure, `*` for everything. */
  key: string;
  /** The closure's ids, sorted: narrowing by them equals narrowing by any filter with it. */
  filter: readonly string[] | undefined;
  scope: ReadonlySet<string> | undefined;
  readonly streams: Set<ServerResponse>;
  /** Replays under way for a group not registered yet (see `#pending`). */
  replays: number;
  /** Revision of the last event this group was sent, for the `prev` field. */
  last: number;
  snapshot?: { readonly revision: number; readonly frame: Buffer };
  /**
   * The `close` listener of every stream in the group. One function per group, not a closure per
   * stream: the emitter passes the stream as `this`, and at 20,000 streams the closures and
   * their contexts would cost about 2 MB.
   */
  readonly onClose: (this: ServerResponse) => void;
}

/**
 * The streams of one service view in one language (`stream?view=&lang=`): they share the view,
 * derived once per change however many there are, and one timer for its `nextChangeAt`.
 */
interface ViewGroup extends Subscribers {
  readonly key: string;
  readonly service: string;
  readonly lang: ViewLanguage;
  /** The view its streams were last sent. */
  current: RenderedView;
  /** Wakes the group when time alone changes its view; cleared when the group empties. */
  timer: NodeJS.Timeout | undefined;
  /** As `Group.onClose`: one listener per group, not a closure per stream. */
  readonly onClose: (this: ServerResponse) => void;
}

/** setTimeout's longest delay (about 24.8 days); a later change is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A frame ready for the fan-out: as it is, and wrapped once as an HTTP/1.1 chunk. */
interface Outgoing {
  readonly frame: Buffer;
  readonly chunk: Buffer;
}

/** One frame for the streams a group had when it was made. */
interface Delivery {
  readonly group: Subscribers;
  readonly outgoing: Outgoing;
  readonly streams: readonly ServerResponse[];
  /** False for what is not a change (the `feed` freshness event): not counted as an event. */
  readonly isEvent: boolean;
}

const HEARTBEAT_OUT: Outgoing = { frame: HEARTBEAT, chunk: httpChunk(HEARTBEAT) };

/** Streams given their heartbeat per turn of the event loop (about 10 ms of writes). */
const HEARTBEAT_SLICE = 1000;
/** See `#pump`. */
const DELIVERY_SLICE = 1000;

export const STREAM_HEADERS = {
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
  /** Only groups with at least one attached stream: each holds a snapshot, so none may linger. */
  readonly #groups = new Map<string, Group>();
  /** Streams still being sent what they missed; they join their group when caught up. */
  readonly #replaying = new Set<ServerResponse>();
  /** New groups whose first streams are still replaying: they count against the cap too. */
  readonly #pending = new Map<string, Group>();
  /** View groups with at least one attached stream, by `service NUL lang`. */
  readonly #viewGroups = new Map<string, ViewGroup>();
  /**
   * Bytes attaching queued, for the few streams where that passed `maxBufferedBytes` (a large
   * snapshot): until the client has taken them ('drain') they do not count as falling behind.
   * A WeakMap, not a field per stream: the fan-out's memory per stream must not grow.
   */
  readonly #attachBacklog = new WeakMap<ServerResponse, number>();
  readonly #onDrained: (this: ServerResponse) => void;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #unsubscribe: () => void;
  readonly #unsubscribeHealth: () => void;
  readonly #maxBuffered: number;
  readonly #maxGroups: number;
  readonly #retry: Buffer;
  #open = 0;
  #closed = false;
  /** Deliveries decided and not yet written, oldest first; `#sent` of the first are written. */
  readonly #outbox: Delivery[] = [];
  #sent = 0;
  #pumping = false;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
    this.#maxGroups = options.maxFilterGroups ?? 1000;
    const backlog = this.#attachBacklog;
    this.#onDrained = function (this: ServerResponse) {
      backlog.delete(this);
    };
    this.#retry = frameRetry(options.retryMs);
    this.#unsubscribe = options.store.subscribe((records, reloaded) => {
      if (reloaded === true) this.#resync();
      else this.#publish(records);
      this.#refreshViews();
    });
    this.#unsubscribeHealth = options.store.subscribeHealth((health) => {
      this.#announceFreshness(health);
      this.#refreshViews();
    });
    this.#heartbeat = setInterval(() => {
      this.#beat();
    }, options.heartbeatMs);
    this.#heartbeat.unref();
  }

  get openStreams(): number {
    return this.#open;
  }

  /** Open streams of service views (`stream?view=`); counted in `openStreams` too. */
  get viewStreams(): number {
    let count = 0;
    for (const group of this.#viewGroups.values()) count += group.streams.size;
    return count;
  }

  /** Distinct views (dependency closures, or everything) with at least one attached stream. */
  get filterGroups(): number {
    return this.#groups.size;
  }

  /**
   * Starts an event stream on `res`: a snapshot, or the events missed since `lastEventId`
   * (a snapshot when they are no longer kept), then every matching change. The stream joins its
   * group only once that has been sent and `res` is still open; a stream that closes at any
   * point leaves nothing behind. Throws a 503 `HttpError` (before answering) when the filter
   * would need a new group beyond `maxFilterGroups`.
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
    const scope = filter && filterScope(this.#options.store.document, filter);
    const key = scopeKey(scope);
    const group = this.#groups.get(key) ?? this.#pending.get(key) ?? this.#newGroup(key, scope);
    if (res.destroyed) return;
    res.writeHead(200, STREAM_HEADERS);
    res.socket?.setNoDelay(true);
    this.#write(res, this.#retry, false);
    // Before any data: a client must not show what follows as current.
    const { health } = this.#options.store;
    if (health.state !== 'ok') this.#write(res, freshnessFrame(health), false);
    if (lastEventId === undefined) {
      this.#write(res, this.#snapshotFrame(group));
      this.#join(res, group);
    } else {
      void this.#replay(res, group, lastEventId);
    }
  }

  /**
   * Starts a view stream on `res` (`stream?view=&lang=`): the current view at once, unless
   * `lastEventId` is its id (the client's copy is current), then a `view` event whenever the view's
   * id changes. Nothing else is sent but heartbeats. Throws a 404 `HttpError` (before answering)
   * for a service the document does not have.
   */
  attachView(
    res: ServerResponse,
    service: string,
    lang: ViewLanguage,
    lastEventId: string | undefined,
  ): void {
    if (this.#closed) {
      res.writeHead(503, { 'retry-after': '5', 'content-length': '0' }).end();
      return;
    }
    const key = `${service}\u0000${lang}`;
    const group = this.#viewGroups.get(key) ?? this.#newViewGroup(key, service, lang);
    if (res.destroyed) return;
    res.writeHead(200, STREAM_HEADERS);
    res.socket?.setNoDelay(true);
    this.#write(res, this.#retry, false);
    if (lastEventId !== group.current.id) this.#write(res, group.current.frame);
    if (!isOpen(res)) return;
    if (!this.#viewGroups.has(key)) {
      this.#viewGroups.set(key, group);
      this.#scheduleView(group);
    }
    group.streams.add(res);
    this.#open += 1;
    this.#options.metrics.streamsOpened += 1;
    res.on('close', group.onClose);
    this.#allowAttachBacklog(res);
  }

  /** A view group with its current view, not registered yet; 404 for an unknown service. */
  #newViewGroup(key: string, service: string, lang: ViewLanguage): ViewGroup {
    const current = this.#options.views?.view(service, lang, this.#now());
    if (current === undefined) {
      throw new HttpError(404, `view: unknown service "${service}"`);
    }
    const leave = (res: ServerResponse): void => {
      this.#leaveView(group, res);
    };
    const group: ViewGroup = {
      key,
      service,
      lang,
      current,
      streams: new Set(),
      timer: undefined,
      onClose(this: ServerResponse) {
        leave(this);
      },
    };
    return group;
  }

  #leaveView(group: ViewGroup, res: ServerResponse): void {
    if (group.streams.delete(res)) this.#open -= 1;
    if (group.streams.size === 0 && this.#viewGroups.get(group.key) === group) {
      clearTimeout(group.timer);
      this.#viewGroups.delete(group.key);
    }
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /**
   * Derives every view in use once (the document, the store's health or the clock moved) and
   * sends each group whose view id changed its new view, through the outbox like every change.
   */
  #refreshViews(groups: Iterable<ViewGroup> = this.#viewGroups.values()): void {
    const { views } = this.#options;
    if (!views) return;
    // One instant for all: the model then derives the document's effective statuses once.
    const now = this.#now();
    const deliveries: Delivery[] = [];
    for (const group of groups) {
      const next = views.view(group.service, group.lang, now);
      // A service gone from the document: its streams keep the last view they were sent.
      if (next === undefined || next.id === group.current.id) {
        this.#scheduleView(group);
        continue;
      }
      group.current = next;
      this.#scheduleView(group);
      const outgoing = { frame: next.frame, chunk: httpChunk(next.frame) };
      deliveries.push({ group, outgoing, streams: [...group.streams], isEvent: true });
    }
    if (deliveries.length > 0) this.#deliverSoon(deliveries);
  }

  /** One timer per view group in use, for the instant time alone changes its view. */
  #scheduleView(group: ViewGroup): void {
    clearTimeout(group.timer);
    group.timer = undefined;
    const at = group.current.nextChangeAt;
    if (at === undefined || this.#closed) return;
    const now = this.#now();
    const timer = setTimeout(
      () => {
        if (this.#viewGroups.get(group.key) === group) this.#refreshViews([group]);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - now)),
    );
    timer.unref();
    group.timer = timer;
  }

  /** Tells every client to come back after a jittered delay, then ends the streams. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#unsubscribe();
    this.#unsubscribeHealth();
    const jitter = this.#options.shutdownJitterMs ?? 10_000;
    const retry = (): Buffer => frameRetry(this.#options.retryMs + Math.random() * jitter);
    for (const group of this.#groups.values()) {
      for (const res of group.streams) res.end(retry());
    }
    for (const res of this.#replaying) res.end(retry());
    for (const group of this.#viewGroups.values()) {
      clearTimeout(group.timer);
      for (const res of group.streams) res.end(retry());
    }
    this.#viewGroups.clear();
    this.#groups.clear();
    this.#replaying.clear();
    this.#pending.clear();
    this.#open = 0;
  }

  /** A group not yet registered; refused (503) when there are already `maxFilterGroups`. */
  #newGroup(key: string, scope: ReadonlySet<string> | undefined): Group {
    if (scope !== undefined && this.#groups.size + this.#pending.size >= this.#maxGroups) {
      this.#options.metrics.filterGroupsRefused += 1;
      // Jittered, so refused clients do not all come back in the same second.
      const retryAfter = 10 + Math.floor(Math.random() * 50);
      throw new HttpError(
        503,
        `the feed serves ${this.#maxGroups} different service filters already; retry in ${retryAfter} s, or use a filter other pages use (or none)`,
        undefined,
        { 'retry-after': String(retryAfter) },
      );
    }
    const detach = (res: ServerResponse): void => {
      if (group.streams.delete(res)) this.#open -= 1;
      if (group.streams.size === 0 && this.#groups.get(group.key) === group) {
        this.#groups.delete(group.key);
      }
    };
    const group: Group = {
      key,
      filter: scope && [...scope].sort(),
      scope,
      streams: new Set(),
      replays: 0,
      // 0 means "no earlier event known": a client never sees a false gap on a new group.
      last: 0,
      onClose(this: ServerResponse) {
        detach(this);
      },
    };
    return group;
  }

  /** A stream that has been sent all it missed joins its group (registering it if new). */
  #join(res: ServerResponse, candidate: Group): void {
    if (res.destroyed || res.writableEnded) return;
    let group = this.#groups.get(candidate.key);
    if (!group) {
      group = candidate;
      this.#groups.set(group.key, group);
      if (this.#pending.get(group.key) === group) this.#pending.delete(group.key);
    }
    group.streams.add(res);
    this.#open += 1;
    this.#options.metrics.streamsOpened += 1;
    res.on('close', group.onClose);
    this.#allowAttachBacklog(res);
  }

  /**
   * Attaching is not falling behind: what it queued (a large snapshot, say) is allowed on top of
   * the limit until the client has taken it.
   */
  #allowAttachBacklog(res: ServerResponse): void {
    const queued = res.writableLength;
    if (queued > this.#maxBuffered) {
      this.#attachBacklog.set(res, queued);
      res.once('drain', this.#onDrained);
    }
  }

  /**
   * Sends the events after `from`, as fast as the client takes them (waiting for 'drain' when
   * the socket is full), then whatever came meanwhile, until caught up; then the stream joins its
   * group in the same turn as the last check, so no live event falls between. Stops as soon as
   * the response is gone. What is queued never goes much past the socket's high-water mark,
   * however long the client was away.
   */
  async #replay(res: ServerResponse, group: Group, from: number): Promise<void> {
    this.#replaying.add(res);
    const isNew = this.#groups.get(group.key) !== group;
    if (isNew) {
      group.replays += 1;
      this.#pending.set(group.key, group);
    }
    try {
      let examined = from;
      let prev = from;
      for (;;) {
        if (this.#gone(res)) return;
        const missed = this.#options.store.since(examined);
        if (missed === undefined || reachChanged(group, missed)) {
          this.#write(res, this.#snapshotFrame(group));
          this.#join(res, group);
          return;
        }
        if (missed.length === 0) {
          this.#join(res, group);
          return;
        }
        for (const record of missed) {
          examined = record.revision;
          const frame = this.#frameFor(record, group, prev);
          if (!frame) continue;
          prev = record.revision;
          if (!this.#write(res, frame)) await drainedOrClosed(res);
          if (this.#gone(res)) return;
        }
      }
    } finally {
      this.#replaying.delete(res);
      if (isNew) {
        group.replays -= 1;
        if (group.replays === 0 && this.#pending.get(group.key) === group) {
          this.#pending.delete(group.key);
        }
      }
    }
  }

  /** The response ended or closed, or the hub did (which ends every response). */
  #gone(res: ServerResponse): boolean {
    return !isOpen(res) || this.#closed;
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
    const grown = records.some((record) => record.change.type === 'service')
      ? this.#refreshScopes()
      : new Set<Group>();
    // A grown filter now reaches services its subscribers have never been sent: a snapshot
    // brings them (events alone would leave a dependency pointing at nothing).
    const deliveries: Delivery[] = [...grown].map((group) => this.#snapshotDelivery(group));
    for (const record of records) {
      for (const group of this.#groups.values()) {
        if (grown.has(group)) continue;
        const frame = this.#frameFor(record, group, group.last);
        if (!frame) continue;
        group.last = record.revision;
        // Who gets it is decided now: a client attaching later has it in its snapshot or replay.
        const outgoing = { frame, chunk: httpChunk(frame) };
        deliveries.push({ group, outgoing, streams: [...group.streams], isEvent: true });
      }
    }
    this.#deliverSoon(deliveries);
  }

  /** A group's snapshot for every stream it has now; the group's next event follows it. */
  #snapshotDelivery(group: Group): Delivery {
    const frame = this.#snapshotFrame(group);
    group.last = this.#options.store.revision;
    return {
      group,
      outgoing: { frame, chunk: httpChunk(frame) },
      streams: [...group.streams],
      isEvent: true,
    };
  }

  /**
   * The writes go out on the next tick, after the admin request that made the change has been
   * answered: at 20,000 streams they take about 200 ms, which the operator should not wait for.
   * (`res.write` deferred its socket writes the same way.) Everything goes through one outbox, in
   * the order it was decided, so no stream ever gets a later event before an earlier one.
   */
  #deliverSoon(deliveries: readonly Delivery[]): void {
    this.#outbox.push(...deliveries);
    if (this.#pumping) return;
    this.#pumping = true;
    process.nextTick(() => {
      this.#pump();
    });
  }

  /**
   * Writes the outbox in slices of `deliverySlice`, each on a tick of its own. Node keeps a
   * little bookkeeping per socket write until the next tick (its write callbacks); over one
   * 20,000-stream loop that piles up and the garbage collector copies it, again and again (CPU
   * per delivery 14.5 µs instead of 11.7 at 20,000). Between slices it is freed. Only ticks come
   * between slices, never I/O, so the whole fan-out still goes out before anything else runs.
   */
  #pump(): void {
    let budget = this.#options.deliverySlice ?? DELIVERY_SLICE;
    for (;;) {
      const delivery = this.#outbox[0];
      if (!delivery) {
        this.#pumping = false;
        return;
      }
      const { group, outgoing, streams, isEvent } = delivery;
      const end = Math.min(streams.length, this.#sent + budget);
      for (let index = this.#sent; index < end; index += 1) {
        const res = streams[index];
        if (res) this.#send(res, outgoing, group, isEvent);
      }
      budget -= end - this.#sent;
      if (end < streams.length) {
        this.#sent = end;
        break;
      }
      this.#outbox.shift();
      this.#sent = 0;
      if (budget <= 0) break;
    }
    process.nextTick(() => {
      this.#pump();
    });
  }

  /**
   * A service change may alter dependencies, and with them what a filter covers. Returns the
   * groups whose filter now covers services it did not before. A closure only grows here (the
   * group's filter is its old closure), so a group whose closure now equals another's merges
   * into it, and its streams get the other's snapshot.
   */
  #refreshScopes(): Set<Group> {
    const document = this.#options.store.document;
    const grown = new Set<Group>();
    for (const group of [...this.#groups.values()]) {
      if (!group.filter) continue;
      const before = group.scope;
      const scope = filterScope(document, group.filter);
      if (before && [...scope].every((id) => before.has(id))) continue;
      this.#groups.delete(group.key);
      const key = scopeKey(scope);
      const other = this.#groups.get(key);
      if (other) {
        for (const res of group.streams) {
          res.off('close', group.onClose);
          res.on('close', other.onClose);
          other.streams.add(res);
        }
        group.streams.clear();
        grown.add(other);
        continue;
      }
      group.key = key;
      group.filter = [...scope].sort();
      group.scope = scope;
      this.#groups.set(key, group);
      grown.add(group);
    }
    return grown;
  }

  /** The store skipped records (it reloaded its snapshot): every stream gets the whole document. */
  #resync(): void {
    this.#deliverSoon([...this.#groups.values()].map((group) => this.#snapshotDelivery(group)));
  }

  /** The `feed` event to every stream, when the store becomes unreachable and when it is back. */
  #announceFreshness(health: StoreHealth): void {
    const frame = freshnessFrame(health);
    const outgoing = { frame, chunk: httpChunk(frame) };
    // Through the outbox, as changes are: the changes caught up before the store was declared
    // fresh again go out before `fresh: true`.
    this.#deliverSoon(
      [...this.#groups.values()].map((group) => ({
        group,
        outgoing,
        streams: [...group.streams],
        isEvent: false,
      })),
    );
  }

  /**
   * One heartbeat to every stream, in slices of HEARTBEAT_SLICE with a turn of the event loop
   * between them: at 20,000 streams a pass takes about 200 ms, and a change published meanwhile
   * should not wait for it. Still one timer, and every stream still gets one heartbeat per tick.
   */
  #beat(): void {
    const streams: ServerResponse[] = [];
    const groups: Subscribers[] = [];
    for (const group of [...this.#groups.values(), ...this.#viewGroups.values()]) {
      for (const res of group.streams) {
        streams.push(res);
        groups.push(group);
      }
    }
    let next = 0;
    const slice = (): void => {
      if (this.#closed) return;
      const end = Math.min(streams.length, next + HEARTBEAT_SLICE);
      for (; next < end; next += 1) {
        const res = streams[next];
        const group = groups[next];
        if (res && group) this.#send(res, HEARTBEAT_OUT, group, false);
      }
      if (next < streams.length) setImmediate(slice);
    };
    slice();
  }

  /**
   * One client's share of attaching (retry, snapshot or missed events): through `res`. Never
   * judged against `maxBufferedBytes` (the replay waits for 'drain' instead). Returns false when
   * the client should take what is queued before more is written.
   */
  #write(res: ServerResponse, frame: Buffer, isEvent = true): boolean {
    if (!isOpen(res)) return false;
    const more = res.write(frame);
    const { metrics } = this.#options;
    metrics.bytesSent += frame.length;
    if (isEvent) metrics.eventsSent += 1;
    return more;
  }

  /**
   * The fan-out: the same ready chunk straight to every socket. `res.write` would cork the
   * socket, write the chunk in four parts (size, CRLF, data, CRLF) and uncork on the next tick:
   * measured at 10,000 streams (scripts/bench/fanout.mjs), 12–13 µs of CPU per client instead
   * of 10.5–11, nearly all of which is now the kernel's write.
   * Safe once `res` has its socket: its head and first frame, written by `attach` through
   * `res`, are then on the socket ahead of this, and `res.end()` still closes the chunked body
   * correctly. Until then (a pipelined request waiting its turn) `res` queues the frame itself.
   */
  #send(res: ServerResponse, outgoing: Outgoing, group: Subscribers, isEvent = true): void {
    // Ended (the hub closed) or gone: nothing may follow the end of the chunked body.
    if (res.destroyed || res.writableEnded) return;
    const socket = res.socket;
    if (socket?.writable) socket.write(res.chunkedEncoding ? outgoing.chunk : outgoing.frame);
    else res.write(outgoing.frame);
    this.#count(res, outgoing.frame, group, isEvent);
  }

  /** Metrics, and the bound on memory: a client too far behind is dropped. */
  #count(res: ServerResponse, frame: Buffer, group: Subscribers, isEvent: boolean): void {
    const { metrics } = this.#options;
    metrics.bytesSent += frame.length;
    if (isEvent) metrics.eventsSent += 1;
    // Counts bytes queued in `res` and in its socket, however they were written.
    if (res.writableLength > this.#maxBuffered + (this.#attachBacklog.get(res) ?? 0)) {
      // Counted, not logged: under load a log line per client would be noise.
      metrics.slowClientsDropped += 1;
      // The close listener does the rest (removing a view group it leaves empty).
      if (group.streams.delete(res)) this.#open -= 1;
      res.destroy();
    }
  }
}

/**
 * Whether a filtered subscriber resuming over `missed` could lack services its filter now
 * reaches. Only the catalogue (the config, at start-up) changes dependencies, so a catalogue
 * change among the missed records means: send a snapshot instead of the events.
 */
function reachChanged(group: Group, missed: readonly ChangeRecord[]): boolean {
  return (
    group.filter !== undefined &&
    missed.some((record) => record.change.type === 'service' && record.actor === 'config')
  );
}

function isOpen(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

/** Resolves when the client has taken what is queued, or the response is gone. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function eventData(record: ChangeRecord, change: Change, prev: number): Record<string, unknown> {
  const { type: _type, ...payload } = change;
  // The journal's hash chain (#13): the hash of the record before this event's record.
  const link = record.previousHash === undefined ? {} : { previousHash: record.previousHash };
  return { revision: record.revision, prev, time: record.time, ...link, ...payload };
}

/**
 * `event: feed` with `{ "fresh": false, "since": … }` while the store cannot be reached (what the
 * stream sends may be out of date), `{ "fresh": true }` when it is back. It has no `id:`, so a
 * client's `Last-Event-ID` stays that of the last change it got.
 */
function freshnessFrame(health: StoreHealth): Buffer {
  const data =
    health.state === 'ok' ? { fresh: true } : { fresh: false, since: health.since ?? null };
  return Buffer.from(`event: feed\ndata: ${JSON.stringify(data)}\n\n`, 'utf8');
}
