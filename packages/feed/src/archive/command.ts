import { hostname } from 'node:os';
import path from 'node:path';
import type { Logger } from '../log.js';
import { RedisArchiver, type RedisArchiverOptions, unregisterArchiver } from './redis-archiver.js';

/** `--name` when none is given: one archiver per host and dir, as the data-dir lock allows. */
export function defaultArchiverName(dataDir: string): string {
  return `${hostname()}:${path.resolve(dataDir)}`;
}

/** Why `name` cannot name an archiver, or `undefined` when it can. */
export function archiverNameProblem(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  return /^[^\u0000-\u001f\u007f]{1,200}$/.test(name)
    ? undefined
    : 'must be 1 to 200 characters, none of them control characters';
}

/** `statuskit-feed archive`: archives until SIGTERM or SIGINT, then releases the data dir. */
export async function archiveUntilStopped(
  options: RedisArchiverOptions & { readonly log: Logger },
): Promise<number> {
  const { log } = options;
  const archiver = new RedisArchiver(options);
  const stop = (signal: string): void => {
    log({ level: 'info', msg: 'shutting down', signal, revision: archiver.revision });
    void archiver.stop();
  };
  const onTerm = (): void => {
    stop('SIGTERM');
  };
  const onInt = (): void => {
    stop('SIGINT');
  };
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onInt);
  try {
    await archiver.run();
    return 0;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  }
}

/** `statuskit-feed archive --unregister`: 0 when it was registered, 1 when it was not. */
export async function unregisterCommand(options: {
  readonly url: string;
  readonly keyPrefix?: string | undefined;
  readonly name: string;
  readonly location: string;
}): Promise<number> {
  const held = await unregisterArchiver(options);
  if (held === undefined) {
    process.stderr.write(
      `statuskit-feed: no archiver "${options.name}" is registered in Redis at ${options.location}; nothing was changed\n`,
    );
    return 1;
  }
  process.stdout.write(
    `archiver "${options.name}" unregistered (it held revision ${held}); the feed's trimming no longer waits for it\n`,
  );
  return 0;
}
