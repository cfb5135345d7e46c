import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ProbeSettings } from '@statuskit/model';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startFeedServer, type FeedServer, type FeedServerOptions } from '../../src/server.js';
import { configJson } from './fixtures.js';

export interface TestFeed {
  readonly feed: FeedServer;
  readonly url: string;
  readonly dataDir: string;
  /** Restarts the server on the same data dir (and port, when free). */
  restart(): Promise<TestFeed>;
  close(): Promise<void>;
}

/** Set by `useRedisForTestFeeds`: test feeds then keep their changes in this Redis. */
let redisUrl: string | undefined;

export function useStoreForTestFeeds(url: string | undefined): void {
  redisUrl = url;
}

export async function tempDir(prefix = 'statuskit-feed-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function startTestFeed(
  options: Partial<FeedServerOptions> & {
    configOverrides?: Record<string, unknown>;
    dataDir?: string;
    /** Added to the parsed config (the config reader may not know `probes` yet). */
    probes?: readonly ProbeSettings[];
  } = {},
): Promise<TestFeed> {
  const { configOverrides, dataDir: givenDir, probes, ...rest } = options;
  const dataDir = givenDir ?? (await tempDir());
  const parsed = parseConfig(JSON.stringify(configJson(configOverrides)), 'test config');
  const config = probes === undefined ? parsed : { ...parsed, probes };
  // One key prefix per data dir: a restart on the same data dir finds the same changes.
  const redis = redisUrl !== undefined &&
    rest.store === undefined &&
    rest.redis === undefined && { url: redisUrl, keyPrefix: `test:${basename(dataDir)}:` };
  const feed = await startFeedServer({
    config,
    dataDir,
    port: 0,
    log: silentLogger,
    ...(redis && { redis }),
    ...rest,
  });
  const handle: TestFeed = {
    feed,
    url: feed.url,
    dataDir,
    restart: async () => {
      await feed.close();
      return startTestFeed({ ...options, dataDir });
    },
    close: async () => {
      await feed.close();
      if (givenDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
