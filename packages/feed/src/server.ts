import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatIssues, validateDocument, type FeedConfig } from '@statuskit/model';
import {
  ACCEPT_CATALOGUE_REMOVALS_FLAG,
  initialDocument,
  reconcileCatalogue,
  withdrawalRefusal,
} from './catalogue.js';
import {
  AddressRangeError,
  NO_TRUSTED_PROXIES,
  parseTrustedProxies,
  type TrustedProxies,
} from './http/client-address.js';
import { applyAdminCors, applyCors, answerPreflight, isAdminPath } from './http/cors.js';
import { overHttps, ownOrigins } from './console/session-cookie.js';
import { HttpError } from './http/http-error.js';
import { parseRequestTarget } from './http/request-target.js';
import { sendError } from './http/respond.js';
import { Router } from './http/router.js';
import { registerAlertRoutes } from './integrations/alert-receiver.js';
import { issuesThatStayLive } from './live-window.js';
import { jsonLogger, type Logger } from './log.js';
import { FeedMetrics, type MetricsGroup } from './metrics.js';
import { openProbeHours } from './probes/open-probe-hours.js';
import type { ProbeCheckSink } from './probes/probe-check.js';
import type { ProbeHours } from './probes/probe-hours.js';
import { RedisProbeLease, soleLease, type ProbeLease } from './probes/probe-lease.js';
import { ProbeRunner } from './probes/probe-runner.js';
import { registerConsoleApiRoutes } from './console/console-api-routes.js';
import { FileAnnouncementStore, RedisAnnouncementStore } from './console/announcement-store.js';
import { ScheduledAnnouncements } from './console/scheduled-announcements.js';
import { ConsoleAssetsMissing } from './console/console-assets.js';
import type { ConsoleOptions } from './console/console-options.js';
import { openConsole } from './console/open-console.js';
import { registerSessionRoutes } from './console/session-routes.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAtomRoute } from './routes/atom.js';
import { registerAvailabilityRoutes } from './routes/availability.js';
import { registerDiscoveryRoute } from './routes/discovery.js';
import { registerBannerHtmlRoutes } from './routes/banner-html.js';
import { registerMetricsRoute, registerPublicRoutes } from './routes/public.js';
import { registerRecordRoutes } from './routes/records.js';
import { OutageLedger } from './records/outage-ledger.js';
import { dataDirSigningKeys } from './signing/data-dir-key.js';
import type { SigningKeys } from './signing/signing-keys.js';
import { SignInGuard, type SignInGuardOptions } from './sign-in-guard.js';
import { Retention } from './retention.js';
import { StreamAdmission } from './sse/stream-admission.js';
import { defaultMaxStreams, openFileLimit, RESERVED_FILES } from './sse/stream-capacity.js';
import { StreamHub } from './sse/stream-hub.js';
import { OPEN_CORS_PREFIX, registerStatuspageRoutes } from './statuspage/routes.js';
import { StatusViews } from './status-view.js';
import { ServiceViews } from './views/service-views.js';
import type { ChangeStore } from './store/change-store.js';
import { onCurrentDocument } from './store/current-append.js';
import { dataDirPaths } from './store/data-dir.js';
import { FileJournalStore } from './store/file-journal.js';
import { RedisChangeStore, type RedisStoreSettings } from './store/redis-change-store.js';
import { readSnapshot } from './store/snapshot-file.js';
import { WriteQueue } from './write-queue.js';
import { openWebhooks, type WebhookTiming } from './webhooks/open-webhooks.js';
import { registerSubscriptionRoutes } from './webhooks/subscription-routes.js';

export interface FeedServerOptions {
  readonly config: FeedConfig;
  /** Where the journal lives; ignored when `store` is given. */
  readonly dataDir?: string;
  readonly store?: ChangeStore;
  /** Keep changes in Redis (`serve --store redis://…`) instead of the data dir's journal. */
  readonly redis?: RedisStoreSettings;
  readonly host?: string;
  /** 0 picks a free port (default 8790, beside the demo's 8080 and 8787). */
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
  /**
   * Time a client has to send a request's headers, from its first byte, in ms (default 10,000):
   * a slowloris client that trickles headers forever is answered 408 and cut.
   */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send a whole request, body included, in ms (default 30,000). */
  readonly requestTimeoutMs?: number;
  /**
   * How long a keep-alive connection may wait for its next request, in ms (default 65,000:
   * longer than the 60 s idle timeout of common load balancers, so they close first).
   */
  readonly keepAliveTimeoutMs?: number;
  /**
   * How long a connection may be silent, both ways, before it is cut, in ms (default 30,000):
   * one that connects and sends nothing, or stalls in a request. Streams are exempt: their
   * heartbeats prove them alive, and a client may listen for hours without sending a byte.
   */
  readonly idleTimeoutMs?: number;
  /**
   * Lets a config that drops services remove or cut open incidents and planned maintenance
   * (`serve --accept-catalogue-removals`); without it such a start is refused.
   */
  readonly acceptCatalogueRemovals?: boolean;
  /**
   * Serve `/metrics` on a listener of its own (`--metrics-port`), and answer 404 for it on the
   * public port. Without it, `/metrics` stays on the public port.
   */
  readonly metrics?: { readonly port: number; readonly host?: string };
  /** This process is one worker of `serve --workers N`: `/metrics` answers for the whole group. */
  readonly metricsGroup?: MetricsGroup;
  /** How failed admin sign-ins are slowed and logged (defaults: `SIGN_IN_GUARD_DEFAULTS`). */
  readonly signIn?: Partial<SignInGuardOptions>;
  /** Distinct stream filters (dependency closures) served at once (default 1,000). */
  readonly maxFilterGroups?: number;
  /** Socket writes per slice of a fan-out (default 1,000); small values are for tests. */
  readonly deliverySlice?: number;
  /**
   * Streams this process holds at most (`--max-streams`); a new one beyond it gets 503 with a
   * jittered `Retry-After`. Default: 90 % of the open-file soft limit less 64 (10,000 where the
   * limit cannot be read).
   */
  readonly maxStreams?: number;
  /**
   * Streams one client address holds at most, an IPv6 address counted by its /64
   * (`--max-streams-per-address`, default 100); beyond it 429 with `Retry-After`.
   */
  readonly maxStreamsPerAddress?: number;
  /**
   * Proxies whose `X-Forwarded-For` is believed (`--trust-proxy`): addresses or CIDR ranges,
   * IPv4 or IPv6. A request from one is counted against the right-most untrusted address in the
   * header, for the stream caps and for failed sign-ins. Default: none.
   */
  readonly trustProxy?: readonly string[];
  /** Tests only: how often scheduled announcements are checked for being due (default 5 s). */
  readonly announcementTickMs?: number;
  /** Takes every finished probe check; default: the server's own probe hours (measured availability). */
  readonly probeSink?: ProbeCheckSink;
  /**
   * Tests and benchmarks only: every probe checks every `intervalMs` instead of its configured
   * interval (the config keeps its 10 s floor), and the Redis probe lease lives `leaseMs`.
   */
  readonly probeTiming?: { readonly intervalMs?: number; readonly leaseMs?: number };
  /**
   * The feed's signing keys (`serve --signing-key FILE`, see `loadSigningKeys`): outage records
   * are signed with them, and webhook deliveries then carry a `v1a,` Ed25519 signature too.
   * Absent: a feed on its own file journal makes and keeps one in the data dir
   * (`signing-key.jwk`); any other store has none, and `/v1/records` and `/v1/keys` answer 503.
   */
  readonly signingKeys?: SigningKeys;
  /** Tests and benchmarks only: webhook retries, attempt limit and lease, shortened. */
  readonly webhookTiming?: WebhookTiming;
  /**
   * Serve the operators' console at `/console/` and its session routes (`serve --console`).
   * Without it there is no `/console/` and no `/v1/admin/session`; bearer tokens work either way.
   */
  readonly console?: ConsoleOptions;
}

/** Default of `maxStreamsPerAddress`: room for an office or carrier NAT, not for one flood. */
export const MAX_STREAMS_PER_ADDRESS_DEFAULT = 100;

/** The defaults of the server's timeouts (see FeedServerOptions). */
export const SERVER_TIMEOUT_DEFAULTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  idleTimeoutMs: 30_000,
} as const;

export interface FeedServer {
  readonly url: string;
  readonly server: Server;
  readonly store: ChangeStore;
  readonly metrics: FeedMetrics;
  /**
   * Keeps probe results in hourly buckets for measured availability: give it to the probe
   * runner as its `ProbeCheckSink`. Flushed and closed by `close()`.
   */
  readonly probeChecks: ProbeHours;
  /** Where `/metrics` is served when `options.metrics` gave it a listener of its own. */
  readonly metricsUrl?: string;
  /** Graceful: stop accepting, send jittered `retry:` to streams, finish writes, close the journal. */
  close(): Promise<void>;
}

/** A problem the operator must fix before the server can start (bad config, data dir, port). */
export class StartupError extends Error {
  override name = 'StartupError';
}

export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const { config } = options;
  const timeouts = serverTimeouts(options);
  const proxies = trustedProxies(options.trustProxy);
  const log = options.log ?? jsonLogger();
  const caps = await streamCaps(options, log);
  const now = options.now ?? (() => new Date());
  const store = options.store ?? storeFor(options, config, log);
  await store.open(initialDocument(config));
  await applyCatalogue(config, store, log, options.acceptCatalogueRemovals === true);
  const check = validateDocument(store.document);
  const windowMs = config.liveWindowHours * 3_600_000;
  // What the sweep below takes off the page is judged no more: it is history, kept in the journal.
  const problems = check.ok
    ? []
    : issuesThatStayLive(check.errors, store.document, now().getTime(), windowMs);
  if (problems.length > 0) {
    await store.close();
    throw new StartupError(`the stored status does not fit the config:\n${formatIssues(problems)}`);
  }
  if (store instanceof FileJournalStore && !options.store && options.dataDir !== undefined) {
    await recordSettings(store, options.dataDir, config);
  }
  // Beside the store: Redis with Redis, the data dir with this server's own file journal.
  const probeChecks = await openProbeHours({
    redis: options.store ? undefined : options.redis,
    dataDir: store instanceof FileJournalStore && !options.store ? options.dataDir : undefined,
    now,
    log,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });

  const signingKeys = await signingKeysFor(options, store, log).catch(async (error: unknown) => {
    await probeChecks.close();
    await store.close();
    throw error;
  });

  const metrics = new FeedMetrics();
  const writes = new WriteQueue();
  const retention = new Retention({
    store,
    writes,
    windowMs,
    now,
    log,
    metrics,
  });
  await retention.sweep();
  const serviceViews = new ServiceViews(store, metrics);
  const hub = new StreamHub({
    store,
    metrics,
    views: serviceViews,
    now: () => now().getTime(),
    heartbeatMs: config.heartbeatSeconds * 1000,
    retryMs: options.retryMs ?? 3000,
    ...(options.shutdownJitterMs !== undefined && { shutdownJitterMs: options.shutdownJitterMs }),
    ...(options.maxBufferedBytes !== undefined && { maxBufferedBytes: options.maxBufferedBytes }),
    ...(options.maxFilterGroups !== undefined && { maxFilterGroups: options.maxFilterGroups }),
    ...(options.deliverySlice !== undefined && { deliverySlice: options.deliverySlice }),
  });
  const admission = new StreamAdmission({ ...caps, metrics });
  const router = new Router();
  const probes = new ProbeRunner({
    probes: config.probes ?? [],
    deps: { config, store, writes, metrics, now, log },
    sink: options.probeSink ?? probeChecks,
    lease: probeLease(options, config, log),
    ...(options.probeTiming?.intervalMs !== undefined && {
      intervalMs: options.probeTiming.intervalMs,
    }),
  });
  const publicDeps = {
    config,
    store,
    hub,
    views: new StatusViews(store),
    serviceViews,
    metrics,
    now,
    admission,
    proxies,
    metricsElsewhere: options.metrics !== undefined,
    ...(options.metricsGroup !== undefined && { metricsGroup: options.metricsGroup }),
    ...(config.probes && {
      probeReadings: () => probes.readings(),
      probeResultsLost: () => probeChecks.failures,
    }),
  };
  registerPublicRoutes(router, publicDeps);
  registerBannerHtmlRoutes(router, { config, store, serviceViews, now });
  registerStatuspageRoutes(router, { config, store, now });
  registerDiscoveryRoute(router, {
    config,
    store,
    metricsElsewhere: options.metrics !== undefined,
  });
  const signIns = new SignInGuard(metrics, log, now, options.signIn, proxies);
  const consoleApp =
    options.console &&
    (await openConsole(
      options.console,
      config,
      options.store ? undefined : options.redis,
      now,
    ).catch(async (error: unknown) => {
      signIns.close();
      await probeChecks.close();
      await store.close();
      throw error instanceof ConsoleAssetsMissing ? new StartupError(error.message) : error;
    }));
  // History comes from the journal only when it is this server's own file journal.
  const ledger = new OutageLedger();
  const availability = registerAvailabilityRoutes(router, {
    config,
    store,
    dataDir: store instanceof FileJournalStore && !options.store ? options.dataDir : undefined,
    now,
    log,
    probeHours: probeChecks,
    ledger,
  });
  registerRecordRoutes(router, {
    config,
    keys: signingKeys,
    ledger,
    ready: () => availability.timeline(),
  });
  registerAtomRoute(router, { config, store, history: availability, now });
  // Alerts take the same durable write path as the admin API.
  const writeDependencies = {
    config,
    store,
    writes,
    metrics,
    now,
    log,
    signIns,
    history: availability,
    probes,
    proxies,
    sessions: consoleApp?.sessions,
  };
  if (consoleApp) {
    consoleApp.register(router);
    registerSessionRoutes(router, { ...writeDependencies, sessions: consoleApp.sessions });
  }
  registerAdminRoutes(router, writeDependencies);
  const ownDataDir =
    store instanceof FileJournalStore && !options.store ? options.dataDir : undefined;
  // Kept beside the changes: a Redis hash with the Redis store, else a file in the data dir.
  const announcementRedis = options.store ? undefined : options.redis;
  const announcementStore = announcementRedis
    ? new RedisAnnouncementStore(announcementRedis.url, announcementRedis.keyPrefix)
    : ownDataDir === undefined
      ? undefined
      : await FileAnnouncementStore.open(ownDataDir);
  const announcements =
    announcementStore &&
    new ScheduledAnnouncements(announcementStore, writeDependencies, options.announcementTickMs);
  registerConsoleApiRoutes(router, {
    ...writeDependencies,
    journal: availability,
    dataDir: ownDataDir,
    signsRecords: signingKeys !== undefined,
    ...(announcements && { announcements }),
  });
  registerAlertRoutes(router, writeDependencies);
  const webhooks = await openWebhooks({
    config,
    store,
    redis: options.store ? undefined : options.redis,
    dataDir: options.dataDir,
    metrics,
    log,
    now,
    signingKeys,
    timing: options.webhookTiming,
  });
  if (webhooks) {
    registerSubscriptionRoutes(router, {
      config,
      store,
      subscriptions: webhooks.subscriptions,
      signIns,
      proxies,
      sessions: consoleApp?.sessions,
      now,
      changed: () => void webhooks.dispatcher.refresh(),
    });
  }

  const server = httpServer(router, config, proxies, log, timeouts);
  const metricsOptions = options.metrics;
  const metricsServer = metricsOptions && metricsListener(publicDeps, config, log, timeouts);
  const stopListening = async (): Promise<void> => {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
    await announcements?.close();
    await probes.stop();
    await webhooks?.dispatcher.close();
    retention.close();
    hub.close();
    await availability.close();
    await probeChecks.close();
    await consoleApp?.sessions.close();
    await store.close();
  };
  let url: string;
  let metricsUrl: string | undefined;
  try {
    const address = await listen(server, options.port ?? 8790, options.host ?? '127.0.0.1');
    if (metricsServer) {
      const metricsAddress = await listen(
        metricsServer,
        metricsOptions.port,
        metricsOptions.host ?? '127.0.0.1',
        '--metrics-port',
      );
      metricsUrl = urlOf(metricsAddress);
    }
    url = urlOf(address);
  } catch (error) {
    await stopListening();
    throw error;
  }
  // Checks begin once the feed answers: a probe's write then reaches every stream.
  probes.start();
  webhooks?.dispatcher.start();
  announcements?.start();
  log({
    level: 'info',
    msg: 'feed listening',
    url,
    revision: store.revision,
    services: store.document.services.length,
    ...(metricsUrl !== undefined && { metricsUrl }),
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    store,
    metrics,
    probeChecks,
    ...(metricsUrl !== undefined && { metricsUrl }),
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        );
        const metricsStopped =
          metricsServer &&
          new Promise<void>((resolve) =>
            metricsServer.close(() => {
              resolve();
            }),
          );
        metricsServer?.closeAllConnections();
        signIns.close();
        retention.close();
        hub.close();
        const historyRead = availability.close();
        await announcements?.close();
        await probes.stop();
        await webhooks?.dispatcher.close();
        server.closeIdleConnections();
        await writes.drain();
        await historyRead;
        await probeChecks.close();
        await consoleApp?.sessions.close();
        await store.close();
        server.closeAllConnections();
        await stopped;
        await metricsStopped;
        log({ level: 'info', msg: 'feed stopped', revision: store.revision });
      })()),
  };
}

type ServerTimeouts = Required<
  Pick<
    FeedServerOptions,
    'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'idleTimeoutMs'
  >
>;

function serverTimeouts(options: FeedServerOptions): ServerTimeouts {
  const timeouts = {
    headersTimeoutMs: options.headersTimeoutMs ?? SERVER_TIMEOUT_DEFAULTS.headersTimeoutMs,
    requestTimeoutMs: options.requestTimeoutMs ?? SERVER_TIMEOUT_DEFAULTS.requestTimeoutMs,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? SERVER_TIMEOUT_DEFAULTS.keepAliveTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? SERVER_TIMEOUT_DEFAULTS.idleTimeoutMs,
  };
  for (const [name, value] of Object.entries(timeouts)) {
    // 0 would mean "never" to Node: exactly what these timeouts are here to prevent.
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new StartupError(`${name} must be a whole number of milliseconds above 0`);
    }
  }
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    throw new StartupError(
      `headersTimeoutMs (${timeouts.headersTimeoutMs}) must not be longer than requestTimeoutMs (${timeouts.requestTimeoutMs})`,
    );
  }
  return timeouts;
}

function trustedProxies(entries: readonly string[] | undefined): TrustedProxies {
  try {
    return parseTrustedProxies(entries ?? []);
  } catch (error) {
    if (error instanceof AddressRangeError) throw new StartupError(`trustProxy: ${error.message}`);
    throw error;
  }
}

/**
 * The stream caps, checked (0 would mean "no streams", not "no limit"); `maxStreams` defaults
 * from the open-file limit, and a larger one given by hand is warned about, since the streams
 * past the limit would fail to be accepted at all.
 */
async function streamCaps(
  options: FeedServerOptions,
  log: Logger,
): Promise<{ maxStreams: number; maxStreamsPerAddress: number }> {
  const limit = await openFileLimit();
  const caps = {
    maxStreams: options.maxStreams ?? defaultMaxStreams(limit),
    maxStreamsPerAddress: options.maxStreamsPerAddress ?? MAX_STREAMS_PER_ADDRESS_DEFAULT,
  };
  for (const [name, value] of Object.entries(caps)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new StartupError(`${name} must be a whole number of streams above 0`);
    }
  }
  if (limit !== undefined && caps.maxStreams > limit - RESERVED_FILES) {
    log({
      level: 'warn',
      msg: 'maxStreams is above what the open-file limit allows; raise the limit (ulimit -n) or lower maxStreams',
      maxStreams: caps.maxStreams,
      openFileLimit: limit,
    });
  }
  return caps;
}

/**
 * Brings the stored catalogue in line with the config, one warning per change. Refuses (and
 * changes nothing) when that would take open incidents or planned maintenance off the page,
 * unless the operator accepted it.
 */
async function applyCatalogue(
  config: FeedConfig,
  store: ChangeStore,
  log: Logger,
  acceptRemovals: boolean,
): Promise<void> {
  // Feed processes starting together on one Redis each reconcile; the first one's changes win.
  const applied = await onCurrentDocument(store, async (expectedRevision) => {
    const steps = reconcileCatalogue(config, store.document);
    const withdrawals = steps.flatMap((step) => (step.withdrawal ? [step.withdrawal] : []));
    if (withdrawals.length > 0 && !acceptRemovals) {
      await store.close();
      throw new StartupError(withdrawalRefusal(withdrawals));
    }
    const firstStart = store.revision === 0;
    if (steps.length > 0) {
      await store.append(
        steps.map((step) => step.change),
        'config',
        { expectedRevision },
      );
    }
    return { steps, firstStart };
  });
  const { steps, firstStart } = applied;
  if (steps.length === 0) return;
  if (firstStart) {
    // Publishing the catalogue into an empty data dir changes nothing anyone has seen.
    log({
      level: 'info',
      msg: 'catalogue published from config',
      services: config.services.map((service) => service.id),
    });
    return;
  }
  for (const step of steps) {
    log({
      level: 'warn',
      msg: `catalogue changed from config: ${step.summary}`,
      ...(step.withdrawal && { accepted: ACCEPT_CATALOGUE_REMOVALS_FLAG }),
    });
  }
}

/**
 * Makes `snapshot.json` name the feed's time zone and default language, compacting when it is
 * missing or names others: the journal's records do not carry them, and `report` run without
 * `--config` reads them from there.
 */
async function recordSettings(
  store: FileJournalStore,
  dataDir: string,
  config: FeedConfig,
): Promise<void> {
  const snapshot = await readSnapshot(dataDirPaths(dataDir).snapshot);
  const { timeZone, defaultLocale } = snapshot?.document ?? {};
  if (timeZone === config.timeZone && defaultLocale === config.defaultLocale) return;
  await store.compact();
}

/** The keys the options give, else the data dir's own for this server's file journal. */
async function signingKeysFor(
  options: FeedServerOptions,
  store: ChangeStore,
  log: Logger,
): Promise<SigningKeys | undefined> {
  if (options.signingKeys) return options.signingKeys;
  if (store instanceof FileJournalStore && !options.store && options.dataDir !== undefined) {
    const { keys, created } = await dataDirSigningKeys(options.dataDir);
    if (created) {
      log({
        level: 'info',
        msg: 'made a signing key for outage records in the data dir; back it up',
        kid: keys.current.kid,
      });
    }
    return keys;
  }
  // Info, not a warning: a Redis feed without records is a valid choice, and the 503 says why.
  log({
    level: 'info',
    msg: 'no signing key: /v1/records and /v1/keys answer 503 until the feed is started with --signing-key FILE',
  });
  return undefined;
}

/** With Redis, the probes run in whichever process holds the lease; else in this one. */
function probeLease(options: FeedServerOptions, config: FeedConfig, log: Logger): ProbeLease {
  if (!options.redis || (config.probes ?? []).length === 0) return soleLease;
  return new RedisProbeLease({
    url: options.redis.url,
    keyPrefix: options.redis.keyPrefix,
    log,
    ...(options.probeTiming?.leaseMs !== undefined && { leaseMs: options.probeTiming.leaseMs }),
  });
}

/** The store the options ask for: Redis when given, else the data dir's file journal. */
function storeFor(options: FeedServerOptions, config: FeedConfig, log: Logger): ChangeStore {
  if (options.redis) {
    return new RedisChangeStore({ ...options.redis, historySize: config.historySize, log });
  }
  return new FileJournalStore({
    dataDir: requireDataDir(options.dataDir),
    historySize: config.historySize,
    log,
  });
}

function requireDataDir(dataDir: string | undefined): string {
  if (dataDir === undefined)
    throw new StartupError('name a data directory (--data) for the journal');
  return dataDir;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** A second listener that serves only `/metrics`, for a port that is not public. */
function metricsListener(
  deps: Parameters<typeof registerMetricsRoute>[1],
  config: FeedConfig,
  log: Logger,
  timeouts: ServerTimeouts,
): Server {
  const router = new Router();
  registerMetricsRoute(router, deps);
  return httpServer(router, config, NO_TRUSTED_PROXIES, log, timeouts);
}

/** A server for `router` whose connections are cut by the timeouts (see FeedServerOptions). */
function httpServer(
  router: Router,
  config: FeedConfig,
  proxies: TrustedProxies,
  log: Logger,
  timeouts: ServerTimeouts,
): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Node checks the two above on this interval (30 s by default), not per request.
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(timeouts.headersTimeoutMs / 4)),
    },
    (req, res) => {
      handle(router, config, proxies, log, req, res);
    },
  );
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  // Set on every socket; the stream route clears it when a stream starts.
  server.timeout = timeouts.idleTimeoutMs;
  return server;
}

function listen(server: Server, port: number, host: string, flag = '--port'): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE')
        reject(new StartupError(`port ${where} is already in use; pick another with ${flag}`));
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
  proxies: TrustedProxies,
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
    if (res.destroyed) {
      // The client hung up or was cut by a timeout mid-request (its body read fails with
      // "aborted"): nothing to answer, and nothing wrong with the feed.
      log({ level: 'info', msg: 'request abandoned', method: req.method, path: req.url });
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
    const { path, url } = parseRequestTarget(req.url ?? '');
    const method = req.method ?? 'GET';
    const admin = isAdminPath(path);
    if (admin) {
      const own = ownOrigins(req, config, overHttps(req, config, proxies));
      if (!applyAdminCors(req, res, config.cors.adminOrigins, own)) {
        throw new HttpError(
          403,
          `origin ${req.headers.origin ?? ''} may not use the admin API; list it in cors.adminOrigins`,
        );
      }
    } else {
      // The Statuspage-compatible API is read by tools on any origin, as Statuspage's is.
      const origins = path.startsWith(OPEN_CORS_PREFIX) ? '*' : config.cors.origins;
      if (!applyCors(req, res, origins)) {
        throw new HttpError(403, `origin ${req.headers.origin ?? ''} may not use this feed`);
      }
    }
    if (method === 'OPTIONS') {
      const allowed = router.allowedMethods(path);
      if (allowed.length === 0) throw new HttpError(404, `nothing at ${path}`);
      answerPreflight(res, allowed, admin);
      return;
    }
    const match = router.match(method, path);
    if (match.kind === 'not-found') throw new HttpError(404, `nothing at ${path}`);
    if (match.kind === 'method-not-allowed') {
      throw new HttpError(405, `${method} is not allowed on ${path}`, undefined, {
        allow: match.allowed.join(', '),
      });
    }
    Promise.resolve(match.handler({ req, res, url, params: match.params })).catch(fail);
  } catch (error) {
    fail(error);
  }
}
