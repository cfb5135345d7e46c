import type { EventSourceMessage } from 'eventsource-parser';
import type { StatusDocument } from '@statuskit/model';
import { fullJitterDelay, retryWindowDelay } from './backoff.js';
import { retryAfterDelay } from './retry-after.js';
import { statusUrl, streamUrl, type FeedAddress } from './feed-address.js';
import { isOffline, watchNetwork } from './network-status.js';
import { pollStatus, type PollOutcome } from './poller.js';
import { Alarm, type Clock } from './schedule.js';
import { runStream, type StreamOutcome } from './stream-connection.js';
import type { ConnectionState, FeedError } from './types.js';
import { unknownServicesIn } from './unknown-services.js';

/** Where the connection delivers what it learns; implemented by the client. */
export interface ConnectionSink {
  /** The revision held (`Last-Event-ID` on reconnect), or `undefined` when nothing is held. */
  resumeFrom(): number | undefined;
  /** One stream event; `gap` and `invalid` make the connection fetch a fresh snapshot. */
  event(message: EventSourceMessage): 'ok' | 'gap' | 'invalid';
  /** End of a network chunk: the events of the burst are checked and committed together. */
  settle(): 'ok' | 'invalid';
  /** The feed showed it is alive and that the data held is current. */
  confirmed(): void;
  /** A `status.json` body from a poll. */
  polled(revision: number, document: StatusDocument, fresh: boolean): void;
  connection(state: ConnectionState): void;
  /** The last error; `undefined` once the stream works again. */
  error(error: FeedError | undefined): void;
  /** A response that retrying cannot fix (a 4xx): nothing more will be tried. */
  stopped(error: FeedError): void;
}

export interface ConnectionSettings {
  readonly address: FeedAddress;
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly heartbeatMs: number;
  readonly retryMs: number;
  readonly maxBackoffMs: number;
  readonly pollIntervalMs: number;
  readonly pollAfterFailures: number;
}

/** Also the floor of the feed's `retry:`: a `retry: 0` must not turn into a reconnect storm. */
const MIN_RETRY_MS = 250;
/** The watchdog: silence for this many heartbeat intervals means the connection is dead. */
const HEARTBEAT_TOLERANCE = 2.5;

/** Why the client's own code ended an attempt. */
interface AttemptNotes {
  openedAt: number | undefined;
  healthy: boolean;
  gap: boolean;
  invalid: string | undefined;
  /** A `retry:` sent after the stream was under way: when to come back after this stream ends. */
  closingRetryMs: number | undefined;
}

/**
 * Keeps one feed connection going: the event stream with reconnects, backoff and a watchdog;
 * `status.json` polling while streaming keeps failing; pauses while the browser is offline. Only
 * the leading tab (or a client that does not share) runs one.
 */
export class FeedConnection {
  readonly #settings: ConnectionSettings;
  readonly #sink: ConnectionSink;
  readonly #reportError: (error: unknown) => void;
  readonly #reconnect: Alarm;
  readonly #nextPoll: Alarm;
  /** Lets Node send `Last-Event-ID` as a header; browsers use the query (no CORS preflight). */
  readonly #idInQuery = isBrowserLike();
  #retryMs: number;
  /** Unplanned ends in a row since the last stable connection: the backoff exponent. */
  #attempt = 0;
  /** Attempts in a row that got an answer but no event or heartbeat: the polling trigger. */
  #failures = 0;
  #polling = false;
  /** Polls in a row that failed: each one doubles the wait before the next. */
  #pollFailures = 0;
  #etag: string | undefined;
  /** The next attempt asks for a snapshot (no `Last-Event-ID`). */
  #fresh = false;
  #online = true;
  #closed = false;
  #stream: AbortController | undefined;
  #poll: AbortController | undefined;
  #unwatchNetwork: () => void = () => undefined;

  constructor(
    settings: ConnectionSettings,
    sink: ConnectionSink,
    reportError: (error: unknown) => void,
  ) {
    this.#settings = settings;
    this.#sink = sink;
    this.#reportError = reportError;
    this.#retryMs = clampRetry(settings.retryMs, settings.maxBackoffMs);
    this.#reconnect = new Alarm(
      settings.clock,
      () => {
        this.#connect();
      },
      reportError,
    );
    this.#nextPoll = new Alarm(
      settings.clock,
      () => {
        this.#pollNow();
      },
      reportError,
    );
  }

  start(): void {
    this.#unwatchNetwork = watchNetwork((online) => {
      try {
        this.#networkChanged(online);
      } catch (error) {
        this.#reportError(error);
      }
    });
    if (isOffline()) this.#networkChanged(false);
    else this.#connect();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unwatchNetwork();
    this.#halt();
  }

  /** Stops every attempt and timer, keeping the counters (offline pauses, close ends). */
  #halt(): void {
    this.#reconnect.clear();
    this.#nextPoll.clear();
    this.#stream?.abort();
    this.#poll?.abort();
    this.#stream = undefined;
    this.#poll = undefined;
  }

  #networkChanged(online: boolean): void {
    if (this.#closed) return;
    if (!online) {
      this.#online = false;
      this.#halt();
      this.#sink.connection('offline');
    } else if (!this.#online) {
      // Back online: at once, without the backoff earned on the old network.
      this.#online = true;
      this.#attempt = 0;
      this.#connect();
      if (this.#polling) this.#pollNow();
    }
  }

  #connect(): void {
    if (this.#closed || !this.#online) return;
    this.#reconnect.clear();
    this.#stream?.abort();
    const controller = new AbortController();
    this.#stream = controller;
    const { address, clock } = this.#settings;
    const resume = this.#fresh ? undefined : this.#sink.resumeFrom();
    this.#fresh = false;
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (resume !== undefined && !this.#idInQuery) headers['last-event-id'] = String(resume);
    this.#sink.connection(this.#polling ? 'polling' : 'connecting');

    const notes: AttemptNotes = {
      openedAt: undefined,
      healthy: false,
      gap: false,
      invalid: undefined,
      closingRetryMs: undefined,
    };
    const healthy = (): void => {
      if (notes.healthy) return;
      notes.healthy = true;
      this.#failures = 0;
      if (this.#polling) this.#stopPolling();
      this.#sink.connection('live');
      this.#sink.error(undefined);
    };
    void runStream(
      {
        url: streamUrl(address, resume, this.#idInQuery),
        headers,
        fetch: this.#settings.fetch,
        signal: controller.signal,
        watchdogMs: this.#settings.heartbeatMs * HEARTBEAT_TOLERANCE,
        clock,
      },
      {
        open: () => {
          notes.openedAt = clock.now();
          if (!this.#polling) this.#sink.connection('live');
        },
        event: (message) => {
          const result = this.#sink.event(message);
          if (result === 'ok') {
            healthy();
            return;
          }
          if (result === 'gap') notes.gap = true;
          else
            notes.invalid = `the stream sent an unreadable "${message.event ?? 'message'}" event`;
          controller.abort();
        },
        comment: () => {
          this.#sink.confirmed();
          healthy();
        },
        retry: (ms) => {
          // A `retry:` on connect sets the reconnection time, the base of every backoff. One sent
          // later comes with a planned close (the feed spreads its clients over a long window
          // when it restarts) and applies to that one return only: were it the base, a client
          // whose return beat the restarted feed would wait up to twice that window again.
          if (notes.healthy) notes.closingRetryMs = clampRetry(ms, this.#settings.maxBackoffMs);
          else this.#retryMs = clampRetry(ms, this.#settings.maxBackoffMs);
          // After a resume the feed sends what was missed, or a snapshot: the copy held is current,
          // and the feed is working again (an error from before the restart no longer holds).
          if (resume !== undefined) {
            this.#sink.confirmed();
            healthy();
          }
        },
        chunkEnd: () => {
          if (this.#sink.settle() === 'invalid') {
            notes.invalid ??= 'the events received do not add up to a valid status document';
            controller.abort();
          }
        },
      },
    ).then(
      (outcome) => {
        try {
          this.#attemptEnded(controller, outcome, notes);
        } catch (error) {
          this.#reportError(error);
        }
      },
      (error: unknown) => {
        this.#reportError(error);
      },
    );
  }

  #attemptEnded(controller: AbortController, outcome: StreamOutcome, notes: AttemptNotes): void {
    if (this.#stream === controller) this.#stream = undefined;
    else return; // superseded by a newer attempt
    if (this.#closed || !this.#online) return;
    const { clock, maxBackoffMs } = this.#settings;
    const now = clock.now();
    if (outcome.kind === 'http' && isFatal(outcome.status)) {
      this.#stop(this.#httpError(outcome, now, 'the event stream'));
      return;
    }
    // A connection that stayed up for a heartbeat interval earns a fresh start of the backoff.
    if (notes.openedAt !== undefined && now - notes.openedAt >= this.#settings.heartbeatMs) {
      this.#attempt = 0;
    }
    this.#attempt += 1;
    let delay = fullJitterDelay(this.#attempt, this.#retryMs, maxBackoffMs, clock.random);

    const protocol = notes.invalid ?? (outcome.kind === 'protocol' ? outcome.message : undefined);
    if (protocol !== undefined) {
      this.#fresh = true;
      this.#failures += 1;
      this.#sink.error({ kind: 'protocol', message: protocol, at: now });
    } else if (notes.gap) {
      // Missed an event: a fresh snapshot at once, unless gaps keep coming.
      this.#fresh = true;
      if (this.#attempt === 1) delay = 0;
    } else if (outcome.kind === 'closed' && notes.openedAt !== undefined) {
      // Ended on purpose (a restart, a proxy's time limit): within the `retry:` window.
      if (this.#attempt === 1) {
        delay = retryWindowDelay(notes.closingRetryMs ?? this.#retryMs, clock.random);
      }
    } else {
      // A feed that cannot be reached at all serves no status.json either: only attempts that
      // got an answer (a buffering proxy, an error page, a 5xx) count towards polling.
      const answered = outcome.kind !== 'network' || outcome.responded;
      if (!notes.healthy && answered) this.#failures += 1;
      this.#sink.error(this.#failure(outcome, now));
      if (outcome.kind === 'http' && outcome.retryAfterMs !== undefined) {
        delay = retryAfterDelay(outcome.retryAfterMs, maxBackoffMs, clock.random);
      }
    }
    if (this.#failures >= this.#settings.pollAfterFailures) this.#startPolling();
    this.#sink.connection(this.#polling ? 'polling' : 'connecting');
    this.#reconnect.in(delay);
  }

  #failure(outcome: StreamOutcome, at: number): FeedError {
    switch (outcome.kind) {
      case 'http':
        return this.#httpError(outcome, at, 'the event stream');
      case 'timeout':
        return {
          kind: 'network',
          message: `no data for ${seconds(this.#settings.heartbeatMs * HEARTBEAT_TOLERANCE)}: the connection was dead`,
          at,
        };
      case 'closed':
        return { kind: 'network', message: 'the stream ended before sending anything', at };
      case 'network':
        return { kind: 'network', message: outcome.message, at };
      case 'protocol':
        return { kind: 'protocol', message: outcome.message, at };
      case 'aborted':
        return { kind: 'network', message: 'the stream was aborted', at };
    }
  }

  #httpError(
    outcome: { readonly status: number; readonly message: string; readonly body: unknown },
    at: number,
    what: string,
  ): FeedError {
    const message = `${what} answered ${outcome.message}`;
    const unknownServices = outcome.status === 404 ? unknownServicesIn(outcome.body) : [];
    if (unknownServices.length > 0) {
      return { kind: 'unknown-service', status: 404, unknownServices, message, at };
    }
    return { kind: 'http', status: outcome.status, message, at };
  }

  #stop(error: FeedError): void {
    this.#closed = true;
    this.#unwatchNetwork();
    this.#halt();
    this.#sink.stopped(error);
  }

  #startPolling(): void {
    if (this.#polling) return;
    this.#polling = true;
    this.#pollFailures = 0;
    this.#pollNow();
  }

  #stopPolling(): void {
    this.#polling = false;
    this.#nextPoll.clear();
    this.#poll?.abort();
    this.#poll = undefined;
  }

  #pollNow(): void {
    if (this.#closed || !this.#online || !this.#polling) return;
    this.#nextPoll.clear();
    this.#poll?.abort();
    const controller = new AbortController();
    this.#poll = controller;
    const { address, clock } = this.#settings;
    void pollStatus({
      url: statusUrl(address),
      etag: this.#etag,
      fetch: this.#settings.fetch,
      signal: controller.signal,
      timeoutMs: Math.max(this.#settings.pollIntervalMs, 10_000),
      clock,
    }).then(
      (outcome) => {
        try {
          this.#pollEnded(controller, outcome);
        } catch (error) {
          this.#reportError(error);
        }
      },
      (error: unknown) => {
        this.#reportError(error);
      },
    );
  }

  #pollEnded(controller: AbortController, outcome: PollOutcome): void {
    if (this.#poll === controller) this.#poll = undefined;
    else return;
    if (this.#closed || !this.#online || !this.#polling) return;
    const { clock, pollIntervalMs, maxBackoffMs } = this.#settings;
    const now = clock.now();
    if (outcome.kind === 'aborted') return;
    const succeeded = outcome.kind === 'document' || outcome.kind === 'not-modified';
    this.#pollFailures = succeeded ? 0 : this.#pollFailures + 1;
    // Failed polls back off up to the cap; ±20 %, so that pages polling together drift apart.
    const interval = Math.min(
      pollIntervalMs * 2 ** Math.min(this.#pollFailures, 30),
      Math.max(pollIntervalMs, maxBackoffMs),
    );
    let delay = interval * (0.8 + 0.4 * clock.random());
    switch (outcome.kind) {
      case 'document':
        this.#etag = outcome.etag;
        this.#sink.polled(outcome.revision, outcome.document, outcome.fresh);
        break;
      case 'not-modified':
        this.#sink.confirmed();
        break;
      case 'http':
        if (isFatal(outcome.status)) {
          this.#stop(this.#httpError(outcome, now, 'status.json'));
          return;
        }
        this.#sink.error(this.#httpError(outcome, now, 'status.json'));
        if (outcome.retryAfterMs !== undefined) {
          delay = Math.max(
            delay,
            retryAfterDelay(outcome.retryAfterMs, maxBackoffMs, clock.random),
          );
        }
        break;
      case 'network':
      case 'protocol':
        this.#sink.error({
          kind: outcome.kind,
          message: `status.json: ${outcome.message}`,
          at: now,
        });
        break;
    }
    this.#nextPoll.in(delay);
  }
}

/**
 * A 4xx other than 408 (timeout) and 429 (too many requests) is a mistake that retrying cannot
 * fix: a wrong URL, an unknown service in the filter, an origin the feed does not allow.
 */
function isFatal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
}

function clampRetry(ms: number, maxMs: number): number {
  return Math.min(Math.max(ms, MIN_RETRY_MS), Math.max(maxMs, MIN_RETRY_MS));
}

/** Browsers and workers: cross-origin requests, where a `Last-Event-ID` header costs a preflight. */
function isBrowserLike(): boolean {
  return 'document' in globalThis || 'WorkerGlobalScope' in globalThis;
}
