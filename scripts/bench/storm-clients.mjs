// The clients of the reconnect-storm benchmark, run by reconnect-storm.mjs in their own process
// (IPC): real `@statuskit/client` instances from packages/client/dist, each with a connection of
// its own, watched only through the client's public API:
//
// - `subscribe`: the connection state, revision and error a page sees. The client batches its
//   notifications (16 ms after the last change, at most 100 ms after the first), so a state is
//   stamped up to 100 ms after it was reached;
// - `onEvent`: every stream event and what the client did with it (`applied`, `duplicate`, `gap`,
//   `invalid`): what missed and duplicated events are counted from;
// - `fetch`: a wrapper around the global fetch that stamps every attempt at the stream (with or
//   without `Last-Event-ID`, answered or refused) and reads the `retry:` lines the feed sends,
//   which no field of the state shows.
//
// Times are performance.timeOrigin + performance.now() in ms: one clock for every process on the
// machine (reconnect-storm.mjs checks that at start).
//
// Messages in:  clock | open { url, clients: [{ id, services }] } | progress { revision }
//               | report { serviceId } | close
// Messages out: hello | clock { at } | opened | progress { live, current, ready, polling, stopped }
//               | report { clients, cpuSeconds, wallSeconds } | closed
import { createFeedClient } from '../../packages/client/dist/index.js';

const now = () => performance.timeOrigin + performance.now();

/** Clients opened at once, then a pause: stays well below the feed's listen backlog (511). */
const OPEN_BATCH = 100;
const OPEN_PAUSE_MS = 25;

/** @type {Watched[]} */
let watched = [];
let cpuMark = process.cpuUsage();
let wallMark = now();

/** One client and everything seen of it since it was opened. */
class Watched {
  constructor(id, url, services) {
    this.id = id;
    this.services = services;
    /** [at, connection] whenever the connection state a listener sees changes. */
    this.transitions = [];
    /** [at, revision] whenever the revision a listener sees changes. */
    this.revisions = [];
    /** [at, kind, message] whenever the state's error changes to another error. */
    this.errors = [];
    /** [at, type, revision, outcome] for every stream event (onEvent). */
    this.events = [];
    /**
     * Every request: { at, stream, resume, answeredAt, result, retries: [[at, ms]], endedAt,
     * ending }, `ending` being 'end' or the error that broke the body.
     */
    this.attempts = [];
    this.client = createFeedClient(url, {
      ...(services && { services }),
      // Node has no localStorage and no tabs; said explicitly so nothing depends on detection.
      cache: false,
      shareAcrossTabs: false,
      fetch: (input, init) => this.#fetch(input, init),
      onEvent: ({ type, revision, outcome }) => {
        this.events.push([now(), type, revision, outcome]);
      },
    });
    const first = this.client.getState();
    this.transitions.push([now(), first.connection]);
    let last = first;
    this.client.subscribe((state) => {
      const at = now();
      if (state.connection !== last.connection) this.transitions.push([at, state.connection]);
      if (state.revision !== last.revision) this.revisions.push([at, state.revision]);
      if (state.error !== last.error && state.error !== undefined) {
        this.errors.push([at, state.error.kind, state.error.message]);
      }
      last = state;
    });
  }

  async #fetch(input, init) {
    const url = String(input);
    const headers = init?.headers ?? {};
    const attempt = {
      at: now(),
      stream: url.includes('/stream'),
      resume: headers['last-event-id'] ?? new URL(url).searchParams.get('lastEventId'),
      answeredAt: undefined,
      result: undefined,
      retries: [],
      endedAt: undefined,
      ending: undefined,
    };
    this.attempts.push(attempt);
    let response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      attempt.answeredAt = now();
      attempt.result = error?.cause?.code ?? error?.name ?? 'error';
      throw error;
    }
    attempt.answeredAt = now();
    attempt.result = response.status;
    if (!attempt.stream || !response.ok || response.body === null) return response;
    return new Response(observedBody(response.body, attempt), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  progress(revision) {
    const state = this.client.getState();
    return { live: state.connection === 'live', current: state.revision >= revision, state };
  }

  report(serviceId) {
    const state = this.client.getState();
    const service = state.document?.services.find((candidate) => candidate.id === serviceId);
    return {
      id: this.id,
      services: this.services,
      transitions: this.transitions,
      revisions: this.revisions,
      errors: this.errors,
      events: this.events,
      attempts: this.attempts,
      final: { connection: state.connection, revision: state.revision, service },
    };
  }
}

/**
 * The response body, passed on unchanged. On the way, `retry: <ms>` lines (WHATWG event stream:
 * a field on a line of its own) are collected, and the moment the body ends or breaks is noted:
 * the stream's end as the socket delivers it, before the client's batching.
 */
function observedBody(body, attempt) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let tail = '';
  const scan = (chunk) => {
    const text = tail + decoder.decode(chunk, { stream: true });
    const end = text.lastIndexOf('\n');
    // A retry line is short; a longer unfinished line is data and need not be kept.
    tail = text.slice(end + 1);
    if (tail.length > 32) tail = '';
    if (end < 0 || !text.includes('retry:')) return;
    const at = now();
    for (const [, ms] of text.slice(0, end).matchAll(/^retry: ?(\d+)\r?$/gm)) {
      attempt.retries.push([at, Number(ms)]);
    }
  };
  return new ReadableStream({
    async pull(controller) {
      let read;
      try {
        read = await reader.read();
      } catch (error) {
        attempt.endedAt = now();
        attempt.ending = describe(error);
        controller.error(error);
        return;
      }
      if (read.done) {
        attempt.endedAt = now();
        attempt.ending = 'end';
        controller.close();
        return;
      }
      scan(read.value);
      controller.enqueue(read.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

function describe(error) {
  const cause = error?.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error?.message ?? String(error)}${cause}`;
}

async function open(url, clients) {
  closeAll();
  cpuMark = process.cpuUsage();
  wallMark = now();
  for (let start = 0; start < clients.length; start += OPEN_BATCH) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, OPEN_PAUSE_MS));
    for (const { id, services } of clients.slice(start, start + OPEN_BATCH)) {
      watched.push(new Watched(id, url, services ?? undefined));
    }
  }
}

function progress(revision) {
  const counts = { live: 0, current: 0, ready: 0, polling: 0, stopped: 0 };
  for (const client of watched) {
    const { live, current, state } = client.progress(revision);
    if (live) counts.live += 1;
    if (current) counts.current += 1;
    if (live && current) counts.ready += 1;
    if (state.connection === 'polling') counts.polling += 1;
    if (state.connection === 'stopped') counts.stopped += 1;
  }
  return counts;
}

function closeAll() {
  for (const client of watched) client.client.close();
  watched = [];
}

process.on('message', (message) => {
  void handle(message).catch((error) => {
    console.error('storm-clients:', error);
    process.exit(1);
  });
});

async function handle(message) {
  switch (message?.type) {
    case 'clock':
      process.send({ type: 'clock', at: now() });
      break;
    case 'open':
      await open(message.url, message.clients);
      process.send({ type: 'opened' });
      break;
    case 'progress':
      process.send({ type: 'progress', ...progress(message.revision) });
      break;
    case 'report': {
      const cpu = process.cpuUsage(cpuMark);
      process.send({
        type: 'report',
        clients: watched.map((client) => client.report(message.serviceId)),
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        wallSeconds: (now() - wallMark) / 1000,
      });
      break;
    }
    case 'close':
      closeAll();
      process.send({ type: 'closed' });
      break;
    default:
      break;
  }
}

// Ends with the orchestrator, whichever way it goes.
process.on('disconnect', () => {
  closeAll();
  process.exit(0);
});
process.send({ type: 'hello' });
