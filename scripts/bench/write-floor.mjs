#!/usr/bin/env node
// The floor under the fan-out benchmark: what writing one ready buffer (a 227-byte event as an
// HTTP chunk) to an idle loopback socket costs this machine, with nothing around it: no HTTP
// server, no framing, no bookkeeping.
// Holds N sockets in this process (pinned to CPU 0), reads them in a child (CPU 1), writes the
// buffer to every socket in a loop and prints CPU time per write, split into user and kernel.
// fanout.mjs's figures can be read against it: a fan-out to N streams cannot take less than
// N times this.
//
//   node scripts/bench/write-floor.mjs [--n 10000] [--rounds 10] [--json]
//
// --json prints one JSON line instead (fanout.mjs reads it to set each p99 against its floor).
import { execFileSync, fork } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const N = Number(values.n);
const ROUNDS = Number(values.rounds);

/** Pins a process to one CPU when the machine has two and taskset is there; best effort. */
function pin(pid, cpu) {
  if (availableParallelism() < 2) return;
  try {
    execFileSync('taskset', ['-cp', String(cpu), String(pid)], { stdio: 'ignore' });
  } catch {
    // No taskset: unpinned figures are noisier, not wrong.
  }
}

if (process.argv[2] === 'reader') {
  // The child: opens N connections in batches of 500 and reads (and drops) whatever comes.
  pin(process.pid, 1);
  const port = Number(process.argv[3]);
  const sockets = [];
  for (let first = 0; first < N; first += 500) {
    const batch = Array.from(
      { length: Math.min(500, N - first) },
      () =>
        new Promise((resolve) => {
          const socket = connect({ port, host: '127.0.0.1', noDelay: true }, resolve);
          socket.on('data', () => undefined);
          sockets.push(socket);
        }),
    );
    await Promise.all(batch);
  }
  process.send('ready');
  process.on('disconnect', () => process.exit(0));
} else {
  pin(process.pid, 0);
  const accepted = [];
  const server = createServer({ noDelay: true }, (socket) => accepted.push(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', 4096, resolve));
  const reader = fork(new URL(import.meta.url).pathname, [
    'reader',
    String(server.address().port),
    '--n',
    String(N),
  ]);
  await new Promise((resolve) => reader.once('message', resolve));
  while (accepted.length < N) await new Promise((resolve) => setTimeout(resolve, 10));

  // The size of one `service` event as the feed frames it, wrapped as an HTTP/1.1 chunk.
  const chunk = Buffer.from(`e3\r\n${'x'.repeat(0xe3)}\r\n`, 'latin1');
  const results = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const socket of accepted) socket.write(chunk);
    const wall = Number(process.hrtime.bigint() - started) / 1e3;
    const used = process.cpuUsage(cpu);
    // The first rounds warm up the JIT and the sockets.
    if (round >= 3) results.push({ wall: wall / N, user: used.user / N, system: used.system / N });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[results.length >> 1];
  const perWrite = {
    n: N,
    bytes: chunk.length,
    cpuMicros: median('user') + median('system'),
    userMicros: median('user'),
    kernelMicros: median('system'),
    wallMicros: median('wall'),
  };
  if (values.json) console.log(JSON.stringify(perWrite));
  else
    console.log(
      `socket.write of ${chunk.length} B to ${N.toLocaleString('en')} idle loopback sockets, ` +
        `median of ${results.length} rounds, per write: ` +
        `${(median('user') + median('system')).toFixed(2)} µs CPU ` +
        `(${median('user').toFixed(2)} user, ${median('system').toFixed(2)} kernel), ` +
        `${median('wall').toFixed(2)} µs wall`,
    );
  reader.kill();
  process.exit(0);
}
