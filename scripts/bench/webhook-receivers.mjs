// Child process of scripts/bench/webhooks.mjs: the webhook receivers, in a process of their own
// so that taking 1,000 deliveries does not slow the benchmark's own clock and requests.
// Sends { ports } once listening, then { arrivals } (per path: the absolute time in ms of its
// first delivery, and its webhook-id) once `expected` paths have had one.
import { createServer } from 'node:http';

const RECEIVERS = Number(process.argv[2] ?? 4);
const expected = Number(process.argv[3] ?? 1000);
const arrivals = {};
let count = 0;

const servers = [];
for (let index = 0; index < RECEIVERS; index++) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (arrivals[req.url] === undefined) {
        arrivals[req.url] = {
          at: performance.timeOrigin + performance.now(),
          id: req.headers['webhook-id'],
        };
        count += 1;
        if (count === expected) process.send({ arrivals });
      }
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
}
process.send({ ports: servers.map((server) => server.address().port) });
process.on('disconnect', () => process.exit(0));
