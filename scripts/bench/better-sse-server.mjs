#!/usr/bin/env node
// The reference server of the fan-out benchmark: the same stream and admin endpoint as the
// Statuskit feed, written the way better-sse's docs recommend (one session per request,
// registered in a channel, `channel.broadcast(data, eventName, { eventId })`).
//
// It serves the same events as ours: the same config and document, the same `retry:` and
// snapshot on connect, the same JSON payload and ids for each change, the same heartbeat
// interval and response headers, on plain `node:http` in one process. Input is validated with
// the same model functions. It keeps changes in memory only (no journal, no fsync), which only
// favours it.
//
//   node scripts/bench/better-sse-server.mjs --config statuskit.config.json [--port 0]
//
// Prints one JSON line `{"msg":"feed listening","url":…}` like the feed's own CLI, and stops on
// SIGTERM/SIGINT.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createChannel, createSession } from 'better-sse';
import { loadConfig, tokenMatches } from '@statuskit/feed';
import { applyChange, validateServiceStatusChange } from '@statuskit/model';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (values.config === undefined) {
  console.error('better-sse-server: give the config with --config FILE');
  process.exit(2);
}
const config = await loadConfig(values.config);

// The feed starts from the catalogue and records one `service` change per declared service;
// starting at the same revision keeps ids (and so bytes on the wire) the same.
let document = {
  defaultLocale: config.defaultLocale,
  timeZone: config.timeZone,
  authorities: config.authorities.map(({ id, name }) => ({ id, name })),
  services: config.services,
  incidents: [],
  maintenance: [],
};
let revision = 0;
let previous = 0;

// Same headers as the feed's streams (better-sse's defaults overridden or removed).
const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  Connection: undefined,
  Pragma: undefined,
  'X-Accel-Buffering': 'no',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
};

const channel = createChannel();

async function stream(req, res) {
  const session = await createSession(req, res, {
    retry: 3000,
    keepAlive: config.heartbeatSeconds * 1000,
    headers: STREAM_HEADERS,
  });
  session.push({ revision, document }, 'snapshot', String(revision));
  channel.register(session);
}

function authority(req) {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  return config.authorities.find((candidate) =>
    candidate.tokens.some((hash) => tokenMatches(token, hash)),
  )?.id;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function setStatus(req, res, id) {
  const actor = authority(req);
  if (!actor) return send(res, 401, { error: 'missing or wrong token' });
  const service = document.services.find((candidate) => candidate.id === id);
  if (!service) return send(res, 404, { error: `no service "${id}"` });
  if (service.owner !== actor) return send(res, 403, { error: `not yours: ${id}` });
  const input = validateServiceStatusChange(await readJson(req));
  if (!input.ok) return send(res, 400, { error: 'invalid', errors: input.errors });

  // As the feed's setServiceStatus: the whole service travels, with the time it changed.
  const time = new Date().toISOString();
  const changed = {
    ...withoutMessage(service),
    status: input.value.status,
    ...(input.value.message && { statusMessage: input.value.message }),
    ...((input.value.status !== service.status || service.statusSince === undefined) && {
      statusSince: time,
    }),
  };
  document = applyChange(document, { type: 'service', service: changed });
  revision += 1;
  channel.broadcast({ revision, prev: previous, time, service: changed }, 'service', {
    eventId: String(revision),
  });
  previous = revision;
  send(res, 200, { revision, service: changed });
}

function withoutMessage(service) {
  const copy = { ...service };
  delete copy.statusMessage;
  return copy;
}

const server = createServer((req, res) => {
  res.setHeader('access-control-allow-origin', '*');
  const url = new URL(req.url ?? '/', 'http://feed.invalid');
  const status = /^\/v1\/admin\/services\/([^/]+)\/status$/.exec(url.pathname);
  let handled;
  if (req.method === 'GET' && url.pathname === '/v1/stream') handled = stream(req, res);
  else if (req.method === 'PUT' && status) handled = setStatus(req, res, status[1]);
  else if (req.method === 'GET' && url.pathname === '/healthz')
    handled = send(res, 200, { status: 'ok', revision });
  else handled = send(res, 404, { error: `nothing at ${url.pathname}` });
  Promise.resolve(handled).catch((error) => {
    if (!res.headersSent) send(res, 500, { error: String(error) });
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), values.host, () => {
  const { address, port } = server.address();
  console.log(JSON.stringify({ msg: 'feed listening', url: `http://${address}:${port}` }));
});

const stop = () => {
  server.close();
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
