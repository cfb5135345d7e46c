// The load generator of the fan-out benchmark, run by fanout.mjs in its own process (IPC).
// Raw `net` sockets and a hand-written GET, so the generator costs far less per event than the
// server: it only looks for `\nid:` lines and stamps each event's arrival with
// `process.hrtime.bigint()`, which on Linux reads CLOCK_MONOTONIC, the same clock as the
// orchestrator's publish stamps (fanout.mjs checks this at start).
//
// Messages in:  connect { host, port, path, localAddress?, count, batch, batchTimeoutMs,
//                         snapshotId, firstId, events }: streams are ready once they have the
//                         snapshot (`snapshotId`); changes up to `firstId` warm up, the next
//                         `events` are timed; `localAddress` (127.0.0.x) is the source address
//               clock | progress | mark | report { starts: string[] } | close
// Messages out: hello { base } | clock { at } | connected {…} | progress {…} | report {…}
import { connect } from 'node:net';

const NEEDLE = Buffer.from('\nid:');
const OK = Buffer.from('HTTP/1.1 200');
/** A heartbeat comment (`:`) as the whole of an HTTP chunk. */
const HEARTBEAT = Buffer.from('\r\n:\n\n');
const SPACE = 0x20;
const ZERO = 0x30;
const NINE = 0x39;
/** Log-spaced latency buckets, 1 % wide, from 1 µs up (about 2,000 buckets to 100 s). */
const BUCKET_GROWTH = Math.log(1.01);
const BUCKETS = 2200;

const base = process.hrtime.bigint();
const now = () => Number(process.hrtime.bigint() - base);

/** @type {Connection[]} */
let connections = [];
let setup;
/** Receipt time (ns after `base`) per connection and event, 0 until received. */
let receipts = new Float64Array(0);
let delivered = 0;
let warmedUp = 0;
/** Heartbeats received since `mark`: they share the server's time with the timed events. */
let heartbeats = 0;
let unexpected = 0;
let sample;
let cpuMark = process.cpuUsage();
let wallMark = now();

class Connection {
  constructor(index) {
    this.index = index;
    this.ready = false;
    this.closed = false;
    /** Whether the response's first bytes have been read. */
    this.answered = false;
    /** The unread end of the last chunk, when an `id:` line was cut in two. */
    this.tail = undefined;
    this.socket = undefined;
  }

  onData(chunk) {
    const at = now();
    if (!this.answered) {
      this.answered = true;
      // A stream refused (503 from a feed at its --max-streams) is closed, not left open as a
      // kept-alive connection that the server would count as held.
      if (!chunk.subarray(0, OK.length).equals(OK)) {
        this.socket.destroy();
        return;
      }
    }
    let buffer = chunk;
    if (this.tail) {
      const { tail } = this;
      this.tail = undefined;
      // Every HTTP chunk ends in CRLF, so a lone "\n" is the usual tail: join only when this read
      // really goes on with the rest of `\nid:` (or the tail already holds part of the id).
      const rest = NEEDLE.length - tail.length;
      const head = chunk.subarray(0, Math.max(0, rest));
      if (rest <= 0 || NEEDLE.subarray(tail.length, tail.length + head.length).equals(head)) {
        buffer = Buffer.concat([tail, chunk]);
      }
    }
    let beat = buffer.indexOf(HEARTBEAT);
    while (beat >= 0) {
      heartbeats += 1;
      beat = buffer.indexOf(HEARTBEAT, beat + 1);
    }
    let position = 0;
    for (;;) {
      const found = buffer.indexOf(NEEDLE, position);
      if (found < 0) break;
      let cursor = found + NEEDLE.length;
      if (buffer[cursor] === SPACE) cursor += 1;
      let id = 0;
      const digitsStart = cursor;
      while (cursor < buffer.length && buffer[cursor] >= ZERO && buffer[cursor] <= NINE) {
        id = id * 10 + buffer[cursor] - ZERO;
        cursor += 1;
      }
      if (cursor === buffer.length) {
        // The line goes on in the next chunk.
        this.tail = Buffer.from(buffer.subarray(found));
        return;
      }
      if (cursor > digitsStart) this.onEvent(id, at, buffer, found);
      position = cursor;
    }
    // Keep the end only when it may be the start of `\nid:` that the next chunk completes.
    for (
      let keep = Math.max(position, buffer.length - (NEEDLE.length - 1));
      keep < buffer.length;
      keep += 1
    ) {
      if (NEEDLE.subarray(0, buffer.length - keep).equals(buffer.subarray(keep))) {
        this.tail = Buffer.from(buffer.subarray(keep));
        break;
      }
    }
  }

  onEvent(id, at, buffer, offset) {
    const { snapshotId, firstId, events } = setup;
    if (id === snapshotId && !this.ready) {
      this.ready = true;
      setup.onReady();
      return;
    }
    if (id > snapshotId && id <= firstId) {
      // A warm-up change: counted, not timed.
      warmedUp += 1;
      return;
    }
    const slot = id - firstId - 1;
    if (slot < 0 || slot >= events) {
      unexpected += 1;
      return;
    }
    const cell = this.index * events + slot;
    if (receipts[cell] !== 0) {
      unexpected += 1;
      return;
    }
    receipts[cell] = at;
    delivered += 1;
    if (this.index === 0 && slot === 0) {
      // The read holding one live event, as it came over the wire: the orchestrator compares
      // the bytes per event of both servers.
      sample = buffer.subarray(0, Math.min(buffer.length, offset + 4096)).toString('utf8');
    }
  }
}

/**
 * Every socket reads into this one buffer (`onread`): no stream machinery and no allocation per
 * read, which halves the generator's cost per event. Safe because each read is handled before
 * the next one lands.
 */
const READ_BUFFER = Buffer.alloc(256 * 1024);

function open(connection) {
  const socket = connect({
    host: setup.host,
    port: setup.port,
    ...(setup.localAddress && { localAddress: setup.localAddress }),
    noDelay: true,
    onread: {
      buffer: READ_BUFFER,
      callback: (length, buffer) => {
        connection.onData(buffer.subarray(0, length));
      },
    },
  });
  connection.socket = socket;
  socket.on('connect', () => {
    socket.write(
      `GET ${setup.path} HTTP/1.1\r\nHost: ${setup.host}:${setup.port}\r\n` +
        'Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n',
    );
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    connection.closed = true;
    if (!connection.ready) setup.onFailed();
  });
}

/** Opens `count` streams in batches, each batch fully connected before the next one starts. */
async function connectAll(message) {
  const started = now();
  const { count, batch } = message;
  receipts = new Float64Array(count * message.events);
  connections = Array.from({ length: count }, (_, index) => new Connection(index));
  let ready = 0;
  let failed = 0;
  let settle = () => undefined;
  setup = {
    ...message,
    onReady: () => {
      ready += 1;
      settle();
    },
    onFailed: () => {
      failed += 1;
      settle();
    },
  };
  for (let first = 0; first < count; first += batch) {
    const last = Math.min(count, first + batch);
    for (let index = first; index < last; index += 1) open(connections[index]);
    const deadline = now() + message.batchTimeoutMs * 1e6;
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, message.batchTimeoutMs);
      settle = () => {
        if (ready + failed >= last || now() > deadline) {
          clearTimeout(timer);
          resolve();
        }
      };
      settle();
    });
  }
  process.send({
    type: 'connected',
    ready,
    failed,
    stalled: count - ready - failed,
    ms: (now() - started) / 1e6,
  });
}

function bucketOf(micros) {
  return micros <= 1 ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(micros) / BUCKET_GROWTH));
}

/** Latencies against the publish starts: a histogram, plus each event's last arrival. */
function report(message) {
  const starts = message.starts.map((start) => Number(BigInt(start) - base));
  const { events } = setup;
  const histogram = new Array(BUCKETS).fill(0);
  const lastArrival = new Array(events).fill(0);
  const perEvent = new Array(events).fill(0);
  let count = 0;
  let sum = 0;
  let max = 0;
  let min = Infinity;
  for (let connection = 0; connection < connections.length; connection += 1) {
    for (let slot = 0; slot < events; slot += 1) {
      const at = receipts[connection * events + slot];
      if (at === 0 || starts[slot] === undefined) continue;
      const micros = (at - starts[slot]) / 1e3;
      histogram[bucketOf(micros)] += 1;
      count += 1;
      sum += micros;
      if (micros > max) max = micros;
      if (micros < min) min = micros;
      perEvent[slot] += 1;
      if (at > lastArrival[slot]) lastArrival[slot] = at;
    }
  }
  const cpu = process.cpuUsage(cpuMark);
  process.send({
    type: 'report',
    histogram: histogram.flatMap((n, bucket) => (n === 0 ? [] : [[bucket, n]])),
    count,
    sumMicros: sum,
    maxMicros: max,
    minMicros: count === 0 ? 0 : min,
    perEvent,
    lastArrival: lastArrival.map((at) => (at === 0 ? null : String(base + BigInt(Math.round(at))))),
    unexpected,
    heartbeats,
    closed: connections.filter((connection) => connection.closed).length,
    sample,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: (now() - wallMark) / 1e9,
  });
}

process.on('message', (message) => {
  switch (message.type) {
    case 'connect':
      void connectAll(message);
      break;
    case 'progress':
      process.send({ type: 'progress', delivered, warmedUp, unexpected });
      break;
    case 'clock':
      process.send({ type: 'clock', at: String(process.hrtime.bigint()) });
      break;
    case 'mark':
      heartbeats = 0;
      cpuMark = process.cpuUsage();
      wallMark = now();
      break;
    case 'report':
      report(message);
      break;
    case 'close':
      for (const connection of connections) connection.socket?.destroy();
      process.disconnect();
      process.exit(0);
  }
});

// The orchestrator went away (crashed or killed): do not outlive it.
process.on('disconnect', () => process.exit(0));

process.send({ type: 'hello', base: String(base), pid: process.pid });
