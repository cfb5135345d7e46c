import type { RedisOptions } from 'ioredis';

/** A `--store` URL that names no Redis the feed can use; the message says why. */
export class RedisUrlError extends Error {}

/** Where the Redis store connects: how ioredis is told, and `host:port/db` for messages. */
export interface RedisAddress {
  /** For `new Redis(...)`: a plain URL ioredis reads itself, or Sentinel options. */
  readonly connection: string | RedisOptions;
  /** Without user or password: safe in logs and errors. */
  readonly location: string;
}

const SENTINEL = /^(rediss?)\+sentinel:\/\/(?:([^@/]*)@)?([^/?#]+)\/([^/?#]+)(?:\/([^/?#]*))?$/;

/**
 * Reads `redis://[user:password@]host:6379/0`, `rediss://…` (TLS), or
 * `redis+sentinel://[user:password@]host1:26379,host2:26379/mymaster[/0]` (and
 * `rediss+sentinel://…`): ioredis asks the sentinels for the current primary of `mymaster` and
 * asks again after a failover. User and password are for the Redis servers, not the sentinels.
 */
export function parseRedisAddress(url: string): RedisAddress {
  const sentinel = SENTINEL.exec(url);
  if (sentinel) return sentinelAddress(sentinel);
  if (/^[a-z+]*sentinel:/i.test(url))
    throw new RedisUrlError(
      'a Sentinel URL has the form redis+sentinel://[user:password@]host:26379[,host:26379…]/mastername[/db] (the master name is required)',
    );
  if (!/^rediss?:\/\/[^/?#]/.test(url))
    throw new RedisUrlError(
      'it is not a Redis URL (redis://host:6379/0, rediss://… or redis+sentinel://host:26379/mastername/0)',
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError('it is not a valid URL');
  }
  const path = parsed.pathname === '/' ? '' : parsed.pathname;
  return { connection: url, location: `${parsed.hostname}:${parsed.port || '6379'}${path}` };
}

function sentinelAddress(match: RegExpExecArray): RedisAddress {
  const [, scheme, credentials, hosts = '', name = '', dbText] = match;
  const sentinels = hosts.split(',').map((host) => {
    const hostPort = /^([^:,\s]+|\[[0-9a-f:.]+\]):(\d{1,5})$/i.exec(host);
    const port = Number(hostPort?.[2]);
    if (!hostPort?.[1] || !(port > 0 && port < 65536))
      throw new RedisUrlError(`sentinel "${host}" must be host:port (e.g. 127.0.0.1:26379)`);
    return { host: hostPort[1].replace(/^\[|\]$/g, ''), port };
  });
  const db = dbText === undefined || dbText === '' ? 0 : Number(dbText);
  if (!/^\d*$/.test(dbText ?? '') || !Number.isSafeInteger(db))
    throw new RedisUrlError(`database "${dbText ?? ''}" must be a whole number`);
  let username: string | undefined;
  let password: string | undefined;
  if (credentials !== undefined) {
    const colon = credentials.indexOf(':');
    const user = decoded(colon < 0 ? credentials : credentials.slice(0, colon));
    username = user === '' ? undefined : user;
    password = colon < 0 ? undefined : decoded(credentials.slice(colon + 1));
  }
  const tls = scheme === 'rediss';
  return {
    connection: {
      sentinels,
      name: decoded(name),
      db,
      ...(username !== undefined && { username }),
      ...(password !== undefined && { password }),
      // TLS to the sentinels and to the servers they name.
      ...(tls && { tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true }),
    },
    location: `sentinel ${sentinels.map(({ host, port }) => `${host}:${port}`).join(',')}, master ${name}/${db}`,
  };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RedisUrlError(`"${text.replace(/./g, '*')}" has a broken %-escape`);
  }
}
