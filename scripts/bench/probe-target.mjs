// The monitored service in the probe benchmark, in a process of its own so its CPU is not the
// feed's: answers every request 200 with a short body and counts them. Prints its URL, then
// answers GET /count with the number of requests so far (not counted itself).
import { createServer } from 'node:http';

let requests = 0;
const server = createServer((req, res) => {
  if (req.url === '/count') {
    res.end(String(requests));
    return;
  }
  requests += 1;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('OK: all systems answering\n');
});
server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
