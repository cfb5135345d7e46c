/** What `--console` adds to a feed: the built console's files and the sessions of its operators. */
import { CONSOLE_DEFAULTS, type FeedConfig } from '@statuskit/model';
import type { RedisStoreSettings } from '../store/redis-change-store.js';
import { loadConsoleAssets, registerConsoleAssets } from './console-assets.js';
import type { ConsoleOptions } from './console-options.js';
import { ConsoleSessions } from './console-sessions.js';
import { MemorySessionStore } from './memory-session-store.js';
import { RedisSessionStore } from './redis-session-store.js';
import type { Router } from '../http/router.js';

export interface OpenedConsole {
  readonly sessions: ConsoleSessions;
  register(router: Router): void;
}

/**
 * Reads the console's dist (a `ConsoleAssetsMissing` error when it is not built) and opens the
 * session store: Redis when the feed keeps its changes there (so `--workers` and several feeds
 * share sessions), else this process's memory.
 */
export async function openConsole(
  options: ConsoleOptions,
  config: FeedConfig,
  redis: RedisStoreSettings | undefined,
  now: () => Date,
): Promise<OpenedConsole> {
  const assets = await loadConsoleAssets(options.assetsDir);
  const settings = config.console ?? CONSOLE_DEFAULTS;
  const store = redis
    ? new RedisSessionStore({ url: redis.url, keyPrefix: redis.keyPrefix })
    : new MemorySessionStore(() => now().getTime());
  const sessions = new ConsoleSessions({
    store,
    idleMs: options.sessionIdleMs ?? settings.sessionIdleMinutes * 60_000,
    maxMs: options.sessionMaxMs ?? settings.sessionMaxHours * 3_600_000,
    now,
  });
  return {
    sessions,
    register: (router) => {
      registerConsoleAssets(router, assets);
    },
  };
}
