import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatIssues, validateDocument, type FeedConfig } from '@statuskit/model';
import { initialDocument, reconcileCatalogue } from './catalogue.js';
import { applyCors, answerPreflight } from './http/cors.js';
import { HttpError } from './http/http-error.js';
import { sendError } from './http/respond.js';
import { Router } from './http/router.js';
import { jsonLogger, type Logger } from './log.js';
import { FeedMetrics } from './metrics.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAvailabilityRoutes } from './routes/availability.js';
import { registerPublicRoutes } from './routes/public.js';
import { Retention } from './retention.js';
import { StreamHub } from './sse/stream-hub.js';
import { StatusViews } from './status-view.js';
import type { ChangeStore } from './store/change-store.js';
import { FileJournalStore } from './store/file-journal.js';
import { WriteQueue } from './write-queue.js';

export interface FeedServerOptions {
  readonly config: FeedConfig;
  /** Where the journal lives; ignored when `store` is given. */
  readonly dataDir?: string;
  readonly store?: ChangeStore;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly log?: Logger;
  /** The clock, replaceable in tests. */
  readonly now?: () => Date;
  /** Reconnect delay sent to stream clients, in ms (default 3,000). */
  readonly retryMs?: number;
  /** Spread of reconnect delays after a shutdown, in ms (default 10,000). */
  readonly shutdownJitterMs?: number;
  /** Unsent bytes after which a stream client is dropped (default 256 KiB). */
  readonly maxBufferedBytes?: number;
  /** Distinct stream filters (dependency closures) served at once (default 1,000). */
  readonly maxFilterGroups?: number;
}

export interface FeedServer {
  readonly url: string;
  readonly server: Server;
  readonly store: ChangeStore;
  readonly metrics: FeedMetrics;
  /** Graceful: stop accepting, send jittered `retry:` to streams, finish writes, close the journal. */
  close(): Promise<void>;
}

/** A problem the operator must fix before the server can start (bad config, data dir, port). */
export class StartupError extends Error {
  override name = 'StartupError';
}

export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const { config } = options;
  const log = options.log ?? jsonLogger();
  const now = options.now ?? (() => new Date());
  const store =
    options.store ??
    new FileJournalStore({
      dataDir: requireDataDir(options.dataDir),
      historySize: config.historySize,
      log,
    });
  await store.open(initialDocument(config));
  const catalogueChanges = reconcileCatalogue(config, store.document);
  if (catalogueChanges.length > 0) {
    await store.append(catalogueChanges, 'config');
    log({ level: 'info', msg: 'catalogue updated from config', changes: catalogueChanges.length });
  }
  const check = validateDocument(store.document);
  if (!check.ok) {
    await store.close();
    throw new StartupError(
      `the stored status does not fit the config:\n${formatIssues(check.errors)}`,
    );
  }

  const metrics = new FeedMetrics();
  const writes = new WriteQueue();
  const retention = new Retention({
    store,
    writes,
    windowMs: config.liveWindowHours * 3_600_000,
    now,
    log,
    metrics,
  });
  await retention.sweep();
  const hub = new StreamHub({
    store,
    metrics,
    heartbeatMs: config.heartbeatSeconds * 1000,
    retryMs: options.retryMs ?? 3000,
    ...(options.shutdownJitterMs !== undefined && { shutdownJitterMs: options.shutdownJitterMs }),
    ...(options.maxBufferedBytes !== undefined && { maxBufferedBytes: options.maxBufferedBytes }),
    ...(options.maxFilterGroups !== undefined && { maxFilterGroups: options.maxFilterGroups }),
  });
  const router = new Router();
  registerPublicRoutes(router, { config, store, hub, views: new StatusViews(store), metrics, now });
  registerAdminRoutes(router, { config, store, writes, metrics, now, log });
  // History comes from the journal only when it is this server's own file journal.
  const availability = registerAvailabilityRoutes(router, {
    config,
    store,
    dataDir: options.store ? undefined : options.dataDir,
    now,
    log,
  });

  const server = createServer((req, res) => {
    handle(router, config, log, req, res);
  });
  server.keepAliveTimeout = 65_000;
  const address = await listen(server, options.port ?? 8080, options.host ?? '127.0.0.1').catch(
    async (error: unknown) => {
      retention.close();
      hub.close();
      await availability.close();
      await store.close();
      throw error;
    },
  );
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log({
    level: 'info',
    msg: 'feed listening',
    url,
    revision: store.revision,
    services: store.document.services.length,
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    store,
    metrics,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        );
        retention.close();
        hub.close();
        const historyRead = availability.close();
        server.closeIdleConnections();
        await writes.drain();
        await historyRead;
        await store.close();
        server.closeAllConnections();
        await stopped;
        log({ level: 'info', msg: 'feed stopped', revision: store.revision });
      })()),
  };
}

function requireDataDir(dataDir: string | undefined): string {
  if (dataDir === undefined)
    throw new StartupError('name a data directory (--data) for the journal');
  return dataDir;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE')
        reject(new StartupError(`port ${where} is already in use; pick another with --port`));
      else if (error.code === 'EACCES')
        reject(new StartupError(`no permission to listen on ${where}`));
      else if (error.code === 'EADDRNOTAVAIL')
        reject(new StartupError(`address ${host} is not on this machine`));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function handle(
  router: Router,
  config: FeedConfig,
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const fail = (error: unknown): void => {
    if (error instanceof HttpError) {
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
      return;
    }
    log({
      level: 'error',
      msg: 'request failed',
      method: req.method,
      path: req.url,
      error: String(error),
    });
    if (!res.headersSent)
      sendError(res, new HttpError(500, 'the feed could not handle this request'));
    else res.destroy();
  };
  try {
    const url = new URL(req.url ?? '/', 'http://feed.invalid');
    const method = req.method ?? 'GET';
    if (!applyCors(req, res, config.cors.origins)) {
      throw new HttpError(403, `origin ${req.headers.origin ?? ''} may not use this feed`);
    }
    if (method === 'OPTIONS') {
      const allowed = router.allowedMethods(url.pathname);
      if (allowed.length === 0) throw new HttpError(404, `nothing at ${url.pathname}`);
      answerPreflight(res, allowed);
      return;
    }
    const match = router.match(method, url.pathname);
    if (match.kind === 'not-found') throw new HttpError(404, `nothing at ${url.pathname}`);
    if (match.kind === 'method-not-allowed') {
      throw new HttpError(405, `${method} is not allowed on ${url.pathname}`, undefined, {
        allow: match.allowed.join(', '),
      });
    }
    Promise.resolve(match.handler({ req, res, url, params: match.params })).catch(fail);
  } catch (error) {
    fail(error);
  }
}
