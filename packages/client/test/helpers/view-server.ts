import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ServiceView } from '@statuskit/model';
import { rawServer, type RawServer } from './raw-server.js';

/**
 * A small feed that speaks the service-view protocol of issue #15 (`status.json?view=` and
 * `stream?view=`, as packages/feed implements it) for a few literal views, so the view client
 * can be tested against the wire protocol itself; the real feed is tested in view-feed.test.ts.
 */
export interface ViewServer {
  readonly url: string;
  readonly raw: RawServer;
  /** The open view streams. */
  readonly streams: Set<ServerResponse>;
  /** The current id of a service's view (the ETag without quotes). */
  idOf(service: string): string;
  /** Replaces a service's view and sends it on every open stream for it. */
  publish(view: ServiceView): void;
  /** Sends raw text on every open stream (a heartbeat, a broken event). */
  broadcast(text: string): void;
  /** Ends every open stream, after an optional last `retry:`. */
  endStreams(retryMs?: number): void;
  /** While set, the stream answers with this status instead (e.g. 503), status.json still works. */
  streamStatus: number | undefined;
  close(): Promise<void>;
}

const STREAM_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-store' };

export async function viewServer(
  views: readonly ServiceView[],
  options: { readonly heartbeatMs?: number; readonly retryMs?: number } = {},
): Promise<ViewServer> {
  const current = new Map<string, { view: ServiceView; id: string }>();
  const subscribers = new Map<ServerResponse, string>();
  const set = (view: ServiceView): { view: ServiceView; id: string } => {
    const hash = createHash('sha256').update(JSON.stringify(view)).digest('hex').slice(0, 12);
    const entry = { view, id: `${view.revision}-${hash}` };
    current.set(view.service, entry);
    return entry;
  };
  for (const view of views) set(view);
  const frame = (entry: { view: ServiceView; id: string }): string =>
    `event: view\nid: ${entry.id}\ndata: ${JSON.stringify(entry.view)}\n\n`;

  const state: { streamStatus: number | undefined } = { streamStatus: undefined };
  const raw = await rawServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const service = url.searchParams.get('view') ?? '';
    const entry = current.get(service);
    if (entry === undefined) {
      const known = [...current.keys()];
      const near = known.filter((id) => id[0] === service[0]);
      const hint =
        near.length > 0 ? ` (did you mean ${near.map((id) => `"${id}"`).join(' or ')}?)` : '';
      const message = `unknown service "${service}"${hint}`;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `view: ${message}`, errors: [{ path: 'view', message }] }));
      return;
    }
    if (url.pathname === '/v1/status.json') {
      const etag = `"${entry.id}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag });
      res.end(JSON.stringify(entry.view));
      return;
    }
    if (state.streamStatus !== undefined) {
      res.writeHead(state.streamStatus, { 'content-type': 'text/plain' });
      res.end('not now');
      return;
    }
    res.writeHead(200, STREAM_HEADERS);
    res.write(`retry: ${options.retryMs ?? 100}\n\n`);
    const header = req.headers['last-event-id'];
    const resume =
      (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId');
    // The client's copy is current: nothing to send.
    if (resume !== entry.id) res.write(frame(entry));
    subscribers.set(res, service);
    const heartbeat =
      options.heartbeatMs === undefined
        ? undefined
        : setInterval(() => res.write(':\n\n'), options.heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      subscribers.delete(res);
    });
  });

  return {
    url: raw.url,
    raw,
    get streams() {
      return new Set(subscribers.keys());
    },
    idOf: (service) => current.get(service)?.id ?? '',
    publish: (view) => {
      const entry = set(view);
      for (const [res, service] of subscribers)
        if (service === view.service) res.write(frame(entry));
    },
    broadcast: (text) => {
      for (const res of subscribers.keys()) res.write(text);
    },
    endStreams: (retryMs) => {
      for (const res of subscribers.keys())
        res.end(retryMs === undefined ? '' : `retry: ${retryMs}\n\n`);
    },
    get streamStatus() {
      return state.streamStatus;
    },
    set streamStatus(status) {
      state.streamStatus = status;
    },
    close: () => raw.close(),
  };
}

/** A quiet view of `service`, as the feed would derive it, at `revision`. */
export function quietView(service: string, revision = 1, lang = 'da'): ServiceView {
  return {
    format: 1,
    service,
    lang,
    revision,
    generatedAt: '2026-12-05T07:00:00Z',
    name: { text: service === 'tax-return' ? 'Selvangivelse' : service },
    timeZone: 'Europe/Copenhagen',
    status: 'operational',
    ownStatus: 'operational',
    notices: [],
    alternatives: [],
    dependencies: [],
  };
}

/** The same service with an outage of MitID passed on, worded in Danish. */
export function outageView(service: string, revision = 2): ServiceView {
  return {
    ...quietView(service, revision),
    status: 'major_outage',
    notices: [
      {
        key: 'status:eid',
        version: `${revision}`,
        kind: 'status',
        id: 'eid',
        phase: 'active',
        status: 'major_outage',
        originStatus: 'major_outage',
        chain: [
          { id: service, name: { text: 'Selvangivelse' } },
          { id: 'eid', name: { text: 'MitID' } },
        ],
        optional: false,
        since: '2026-12-05T06:50:00Z',
        timeZone: 'Europe/Copenhagen',
        title: { text: 'MitID' },
        message: { text: '' },
        sentences: {
          heading: 'Nedbrud',
          type: 'Nedbrud',
          problem: 'MitID er nede',
          cause: 'Selvangivelse virker måske ikke, fordi MitID er nede',
        },
      },
    ],
  };
}
