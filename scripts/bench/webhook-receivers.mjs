// Child process of scripts/bench/webhooks.mjs: the webhook receivers, in a process of their own
// so that taking 1,000 deliveries does not slow the benchmark's own clock and requests.
// Sends { ports } once listening, then, per change, { revision, arrivals } (the absolute time in
// ms each subscription's delivery arrived) once `expected` subscriptions have had it. A repeated
// webhook-id (a retry) is not counted twice.
import { createServer } from 'node:http';

const RECEIVERS = Number(process.argv[2] ?? 4);
const expected = Number(process.argv[3] ?? 1000);
/** revision → webhook-id → arrival time. */
const changes = new Map();

const servers = [];
for (let index = 0; index < RECEIVERS; index++) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const revision = id.slice(id.lastIndexOf('_') + 1);
      const arrivals = changes.get(revision) ?? new Map();
      changes.set(revision, arrivals);
      if (!arrivals.has(id)) {
        arrivals.set(id, performance.timeOrigin + performance.now());
        if (arrivals.size === expected) {
          process.send({ revision, arrivals: [...arrivals.values()] });
        }
      }
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
}
process.send({ ports: servers.map((server) => server.address().port) });
process.on('disconnect', () => process.exit(0));
