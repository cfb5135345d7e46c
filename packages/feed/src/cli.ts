import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  archiverNameProblem,
  archiveUntilStopped,
  defaultArchiverName,
  unregisterCommand,
} from './archive/command.js';
import { workerMetricsGroup } from './cluster/group-metrics.js';
import { superviseWorkers } from './cluster/supervisor.js';
import { announceReady, workerLogger, workerSlot } from './cluster/worker.js';
import { ConfigError, loadConfig } from './config.js';
import { AddressRangeError, parseTrustedProxies } from './http/client-address.js';
import { verifyJournalCommand } from './journal/verify-command.js';
import { jsonLogger, type Logger } from './log.js';
import { OptionError, planWindowCommand } from './planning/command.js';
import { PlanningError } from './planning/schedule.js';
import { UnknownTimeZoneError } from './planning/zoned-time.js';
import { verifyCommand } from './records/verify-command.js';
import { reportCommand } from './report/command.js';
import { ReportError } from './report/report.js';
import { startFeedServer, StartupError, type FeedServerOptions } from './server.js';
import { consoleDistDir } from './console/console-dist.js';
import { loadSigningKeys, SigningKeyError } from './signing/key-file.js';
import { keygenCommand } from './signing/keygen-command.js';
import { importStatuspageCommand } from './statuspage/import-command.js';
import { StoreError } from './store/change-store.js';
import { parseRedisAddress, RedisUrlError } from './store/redis-address.js';
import type { RedisStoreSettings } from './store/redis-change-store.js';
import { generateToken, hashToken } from './tokens.js';

const USAGE = `Usage:
  statuskit-feed serve --config statuskit.config.json --data ./data [--port 8790] [--host 127.0.0.1]
        [--accept-catalogue-removals]   (lets a config that drops services take open incidents
                                         and planned maintenance off the page)
        [--metrics-port 9464 [--metrics-host 127.0.0.1]]   (/metrics on its own port, not the public one)
        [--max-streams N]               (streams this process holds; default from ulimit -n)
        [--max-streams-per-address 100] (streams one client address, or IPv6 /64, holds)
        [--trust-proxy 127.0.0.1,10.0.0.0/8]   (proxies whose X-Forwarded-For names the client)
        [--signing-key current.jwk [--signing-key retired.jwk …]]
                                        (signs outage records; later files are retired keys, still
                                         published in /v1/keys. Without it a file-journal feed makes
                                         DATA/signing-key.jwk; a Redis feed has no records)
        [--console]     (serves the operators' console at /console/, with its sign-in sessions;
                         needs @statuskit/console, built)
        [--workers N]   (N processes on one port, each started again when it dies; above 1 needs
                         a store they share: --store redis://…)
  statuskit-feed serve --config statuskit.config.json --store redis://[user:password@]host:6379/0
        [--store-durability strict|relaxed] [--store-replicas N] [--store-prefix statuskit:]
                                        (changes in Redis, shared by any number of feed processes;
                                         rediss:// for TLS)
        --store redis+sentinel://[user:password@]host:26379[,host:26379…]/mymaster/0
                                        (the primary Sentinel names, followed through failovers;
                                         rediss+sentinel:// for TLS)
  statuskit-feed archive --store redis://…|rediss://…|redis+sentinel://… --data ./archive
        [--store-prefix statuskit:] [--name NAME] [--from-snapshot]
                                        (keeps every change of a Redis feed in a data dir that
                                         report reads; the feed trims nothing it has not archived.
                                         NAME defaults to host:dir. --from-snapshot starts an empty
                                         dir from Redis's snapshot when revision 1 is gone)
  statuskit-feed archive --unregister --name NAME --store redis://… [--store-prefix statuskit:]
                                        (a retired archiver no longer holds back trimming)
  statuskit-feed keygen [--out signing-key.jwk]   (a new Ed25519 signing key, mode 0600, never overwrites)
  statuskit-feed verify RECORD [--keys URL|FILE]  (checks a saved /v1/records answer or its JWS;
                                         exit 0 valid, 1 not valid, 2 could not check)
  statuskit-feed check-config statuskit.config.json
  statuskit-feed hash-token            (reads a token on stdin, or makes a new one when stdin is a terminal or empty)
  statuskit-feed plan-window --log access.log[.gz] [--log more…] --duration 2h [--within 14d]
        [--time-zone Europe/Copenhagen] [--avoid 2026-03-15] [--top 5] [--json] [--json-field time]
        [--schedule --service ID --feed URL/v1 --token-file F
         [--title-da … --title-en … --message-da … --message-en …]]
  statuskit-feed report --data ./data --from 2026-01-01 --to 2026-03-31 [--service ID]
        [--format md|json] [--config F] [--log access.log …] [--time-zone Z] [--lang en]
        [--feed https://status.example.dk]   (links finished outages to their signed records;
                                         default: the config's publicUrl)
  statuskit-feed verify-journal --data ./data | --store redis://… [--store-prefix statuskit:]
                                        (checks the journal's hash chain: exit 0 intact, 1 at the
                                         first broken link, which it names)
  statuskit-feed import-statuspage summary.json|components.json [--lang en] > statuskit.config.json
                                        (a config skeleton from a saved Statuspage page)
`;

/** A mistake in how the command was called: print usage, exit 2. */
class UsageError extends Error {}

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  serve: async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        data: { type: 'string' },
        port: { type: 'string', default: '8790' },
        host: { type: 'string', default: '127.0.0.1' },
        'accept-catalogue-removals': { type: 'boolean', default: false },
        'metrics-port': { type: 'string' },
        'metrics-host': { type: 'string' },
        'max-streams': { type: 'string' },
        'max-streams-per-address': { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
        workers: { type: 'string' },
        store: { type: 'string', default: 'file' },
        'store-durability': { type: 'string' },
        'store-replicas': { type: 'string' },
        'store-prefix': { type: 'string' },
        'signing-key': { type: 'string', multiple: true },
        console: { type: 'boolean', default: false },
      },
    });
    if (values.config === undefined) throw new UsageError('serve needs --config FILE');
    const redis = redisSettings(values);
    if (redis === undefined && values.data === undefined)
      throw new UsageError('serve needs --data DIR (or --store redis://…)');
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port ${values.port} is not a port number`);
    const metricsPort = values['metrics-port'];
    const metricsHost = values['metrics-host'];
    if (metricsHost !== undefined && metricsPort === undefined)
      throw new UsageError('--metrics-host needs --metrics-port');
    const metrics = metricsPort === undefined ? undefined : Number(metricsPort);
    if (metrics !== undefined && (!Number.isInteger(metrics) || metrics < 0 || metrics > 65535))
      throw new UsageError(`--metrics-port ${metricsPort ?? ''} is not a port number`);

    const maxStreams = streamCount('--max-streams', values['max-streams']);
    const maxStreamsPerAddress = streamCount(
      '--max-streams-per-address',
      values['max-streams-per-address'],
    );
    const trustProxy = (values['trust-proxy'] ?? []).flatMap((list) => list.split(','));
    try {
      parseTrustedProxies(trustProxy);
    } catch (error) {
      if (error instanceof AddressRangeError)
        throw new UsageError(`--trust-proxy: ${error.message}`);
      throw error;
    }
    const workers = parseWorkers(values.workers, values.store);

    const config = await loadConfig(values.config);
    const keyFiles = values['signing-key'] ?? [];
    // Loaded before workers start too, so a bad key stops start-up once, with one sentence.
    const signingKeys = keyFiles.length > 0 ? await loadSigningKeys(keyFiles) : undefined;
    if (workers !== undefined && cluster.isPrimary) {
      return superviseWorkers({ workers, log: jsonLogger() });
    }
    const feedOptions = {
      config,
      ...(values.data !== undefined && { dataDir: values.data }),
      ...(redis && { redis }),
      port,
      host: values.host,
      acceptCatalogueRemovals: values['accept-catalogue-removals'],
      ...(signingKeys && { signingKeys }),
      ...(maxStreams !== undefined && { maxStreams }),
      ...(maxStreamsPerAddress !== undefined && { maxStreamsPerAddress }),
      ...(trustProxy.length > 0 && { trustProxy }),
      ...(values.console && { console: { assetsDir: consoleDistDir() } }),
      ...(metrics !== undefined && {
        metrics: { port: metrics, ...(metricsHost !== undefined && { host: metricsHost }) },
      }),
    };
    const worker = workerSlot();
    if (worker === undefined) return serveUntilStopped({ ...feedOptions, log: jsonLogger() });
    try {
      return await serveUntilStopped({
        ...feedOptions,
        log: workerLogger(jsonLogger(), worker),
        metricsGroup: workerMetricsGroup(worker),
      });
    } finally {
      // The IPC channel would keep this worker alive after its feed has closed. (A plain
      // process.disconnect() would make node:cluster exit at once with code 0.)
      cluster.worker?.disconnect();
    }
  },

  archive: async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        store: { type: 'string' },
        data: { type: 'string' },
        'store-prefix': { type: 'string' },
        name: { type: 'string' },
        'from-snapshot': { type: 'boolean', default: false },
        unregister: { type: 'boolean', default: false },
      },
    });
    if (values.store === undefined)
      throw new UsageError("archive needs --store redis://… (the feed's Redis)");
    if (values.store === 'file')
      throw new UsageError(
        'archive needs --store redis://…: the file store already keeps its whole history in --data',
      );
    const location = redisLocation(values.store);
    const prefix = values['store-prefix'];
    if (prefix !== undefined) checkPrefix(prefix);
    const { name } = values;
    const nameProblem = name === undefined ? undefined : archiverNameProblem(name);
    if (nameProblem !== undefined) throw new UsageError(`--name ${name ?? ''} ${nameProblem}`);
    const keyPrefix = prefix === undefined ? {} : { keyPrefix: prefix };
    if (values.unregister) {
      if (name === undefined)
        throw new UsageError('archive --unregister needs --name NAME (the archiver to retire)');
      const stray =
        (values.data !== undefined && '--data') || (values['from-snapshot'] && '--from-snapshot');
      if (stray) throw new UsageError(`${stray} is not used with --unregister`);
      return unregisterCommand({ url: values.store, ...keyPrefix, name, location });
    }
    if (values.data === undefined)
      throw new UsageError('archive needs --data DIR (where the archive is kept)');
    return archiveUntilStopped({
      url: values.store,
      ...keyPrefix,
      dataDir: values.data,
      name: name ?? defaultArchiverName(values.data),
      fromSnapshot: values['from-snapshot'],
      log: jsonLogger(),
    });
  },

  'check-config': async (args) => {
    const [file, ...rest] = args;
    if (file === undefined || rest.length > 0) throw new UsageError('check-config takes one FILE');
    const config = await loadConfig(file);
    process.stdout.write(
      `${file} is valid: ${config.services.length} services, ${config.authorities.length} authorities\n`,
    );
    return 0;
  },

  'hash-token': (args) => {
    if (args.length > 0) throw new UsageError('hash-token takes no arguments');
    const input = process.stdin.isTTY ? '' : readFileSync(0, 'utf8').trim();
    const token = input === '' ? generateToken() : input;
    if (token.length < 16) {
      process.stderr.write('statuskit-feed: a token must have at least 16 characters\n');
      return Promise.resolve(1);
    }
    process.stdout.write(`token: ${token}\nconfig: ${hashToken(token)}\n`);
    return Promise.resolve(0);
  },

  keygen: (args) => keygenCommand(args),

  verify: (args) => verifyCommand(args),

  'plan-window': (args) => planWindowCommand(args),

  report: (args) => reportCommand(args),

  'import-statuspage': (args) => importStatuspageCommand(args),

  'verify-journal': (args) => verifyJournalCommand(args),
};

/** A stream cap from the command line: a whole number above 0 (there is no "unlimited"). */
function streamCount(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`${flag} ${text}: must be a whole number of streams above 0`);
  return value;
}

/**
 * `--workers N`: a whole number from 1. One data dir has one writer, so more than one worker
 * needs a store they share (`store` is the `--store` value; `undefined` or `file` is the journal).
 */
function parseWorkers(raw: string | undefined, store: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const workers = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(workers) || workers < 1)
    throw new UsageError(`--workers ${raw} is not a whole number from 1`);
  if (workers > 1 && (store === undefined || store === 'file'))
    throw new UsageError(
      `--workers ${raw} needs a store the workers share: the file journal in --data has one writer. ` +
        'Use --store redis://host:6379/0, or leave --workers out',
    );
  return workers;
}

/**
 * Serves the feed until SIGTERM or SIGINT. (A worker whose primary is gone exits at once:
 * node:cluster does that, so no worker serves on unsupervised.)
 */
async function serveUntilStopped(
  options: FeedServerOptions & { readonly log: Logger },
): Promise<number> {
  const { log } = options;
  // Listened for before the feed starts: a signal during start-up (a worker's primary stopping
  // the group just as the worker came up) then stops it gracefully instead of killing it.
  let signalled: string | undefined;
  let onSignal = (signal: string): void => {
    signalled ??= signal;
  };
  process.once('SIGTERM', () => {
    onSignal('SIGTERM');
  });
  process.once('SIGINT', () => {
    onSignal('SIGINT');
  });
  const feed = await startFeedServer(options);
  announceReady(feed.url);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      log({ level: 'info', msg: 'shutting down', signal });
      feed.close().then(resolve, (error: unknown) => {
        log({ level: 'error', msg: 'shutdown failed', error: String(error) });
        process.exitCode = 1;
        resolve();
      });
    };
    onSignal = stop;
    if (signalled !== undefined) stop(signalled);
  });
  return process.exitCode === 1 ? 1 : 0;
}

/** `--store` and the flags that only mean something with `--store redis://…`. */
function redisSettings(values: {
  store: string;
  data?: string | undefined;
  'store-durability'?: string | undefined;
  'store-replicas'?: string | undefined;
  'store-prefix'?: string | undefined;
}): RedisStoreSettings | undefined {
  const { store } = values;
  const durability = values['store-durability'];
  const replicas = values['store-replicas'];
  const prefix = values['store-prefix'];
  if (store === 'file') {
    const stray = [
      durability !== undefined && '--store-durability',
      replicas !== undefined && '--store-replicas',
      prefix !== undefined && '--store-prefix',
    ].find((flag) => flag !== false);
    if (stray) throw new UsageError(`${stray} needs --store redis://…`);
    return undefined;
  }
  redisLocation(store);
  if (values.data !== undefined)
    throw new UsageError('--data is for the file store; leave it out with --store redis://…');
  if (durability !== undefined && durability !== 'strict' && durability !== 'relaxed')
    throw new UsageError(`--store-durability ${durability} must be "strict" or "relaxed"`);
  const replicaCount = replicas === undefined ? undefined : Number(replicas);
  if (replicaCount !== undefined && (!Number.isSafeInteger(replicaCount) || replicaCount < 0))
    throw new UsageError(`--store-replicas ${replicas ?? ''} must be a whole number of replicas`);
  if (prefix !== undefined) checkPrefix(prefix);
  return {
    url: store,
    ...(durability !== undefined && { durability }),
    ...(replicaCount !== undefined && { replicas: replicaCount }),
    ...(prefix !== undefined && { keyPrefix: prefix }),
  };
}

/** Checks a `--store` Redis URL; returns where it points (without credentials) for messages. */
function redisLocation(store: string): string {
  if (!/^rediss?(\+sentinel)?:\/\//.test(store)) {
    throw new UsageError(
      `--store ${redactedUrl(store)} is neither "file" nor a Redis URL (redis://host:6379/0, rediss://… or redis+sentinel://host:26379/mymaster/0)`,
    );
  }
  try {
    return parseRedisAddress(store).location;
  } catch (error) {
    if (error instanceof RedisUrlError)
      throw new UsageError(`--store ${redactedUrl(store)}: ${error.message}`);
    throw error;
  }
}

function checkPrefix(prefix: string): void {
  if (!/^[\w:.-]{1,64}$/.test(prefix))
    throw new UsageError(
      `--store-prefix ${prefix} must be 1 to 64 letters, digits, ":", ".", "_" or "-"`,
    );
}

/** A URL for an error message: a password must not reach logs. */
function redactedUrl(url: string): string {
  return url.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
}

/** Runs the CLI; returns the exit code. Expected problems print one sentence, never a stack. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command(args);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof OptionError ||
      error instanceof UnknownTimeZoneError ||
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`statuskit-feed: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (
      error instanceof ConfigError ||
      error instanceof StartupError ||
      error instanceof SigningKeyError ||
      error instanceof StoreError ||
      error instanceof PlanningError ||
      error instanceof ReportError
    ) {
      process.stderr.write(`statuskit-feed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
