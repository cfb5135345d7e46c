// Lets browser tests start and stop real @statuskit/feed servers (built into packages/feed/dist)
// through `executeServerCommand('feed:start', …)`; each server gets its own temporary data dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const feeds = new Map();
let nextId = 1;

async function loadFeed() {
  try {
    return await import('../../packages/feed/dist/index.js');
  } catch {
    throw new Error('browser tests need the built feed: run `npm run build` first (npm test does)');
  }
}

/** Starts a feed with the options a test asked for; a restart passes the same ones again. */
async function startFeed(config, dataDir, options, port) {
  const { parseConfig, startFeedServer, silentLogger } = await loadFeed();
  const parsed = parseConfig(JSON.stringify(config), 'browser test config');
  return startFeedServer({
    // Probe settings are added as read, complete (the defaults filled in).
    config: options.probes === undefined ? parsed : { ...parsed, probes: options.probes },
    dataDir,
    port,
    log: silentLogger,
    ...(options.retryMs !== undefined && { retryMs: options.retryMs }),
    ...(options.shutdownJitterMs !== undefined && { shutdownJitterMs: options.shutdownJitterMs }),
  });
}

const commands = {
  /** payload: { config } (a statuskit.config.json object); returns { id, url }. */
  async 'feed:start'({ config, options = {} }) {
    const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-wtr-'));
    const feed = await startFeed(config, dataDir, options, options.port ?? 0);
    const id = nextId++;
    feeds.set(id, { feed, dataDir, config, options });
    return { id, url: `${feed.url}/v1` };
  },
  /** Stops a feed gracefully; its data stays so `feed:restart` can bring it back on the same port. */
  async 'feed:stop'({ id }) {
    const entry = feeds.get(id);
    if (entry) await entry.feed.close();
    return true;
  },
  async 'feed:restart'({ id }) {
    const entry = feeds.get(id);
    if (!entry) throw new Error(`no feed ${id}`);
    await entry.feed.close();
    const port = Number(new URL(entry.feed.url).port);
    entry.feed = await startFeed(entry.config, entry.dataDir, entry.options, port);
    return { id, url: `${entry.feed.url}/v1` };
  },
  async 'feed:dispose'({ id }) {
    const entry = feeds.get(id);
    if (!entry) return true;
    await entry.feed.close();
    await rm(entry.dataDir, { recursive: true, force: true });
    feeds.delete(id);
    return true;
  },
  /** payload: { id, checks: [{ probe, service, at (ISO), ok }] }: recorded as probe results. */
  async 'feed:record-probe-checks'({ id, checks }) {
    const entry = feeds.get(id);
    if (!entry) throw new Error(`no feed ${id}`);
    for (const check of checks) {
      entry.feed.probeChecks.record({
        durationMs: 20,
        slow: false,
        ...check,
        at: new Date(check.at),
      });
    }
    await entry.feed.probeChecks.flush();
    return true;
  },
  /** `sha256:` hash of a token, for building configs in the browser. */
  async 'feed:hash-token'({ token }) {
    const { hashToken } = await loadFeed();
    return hashToken(token);
  },
};

export function feedCommandsPlugin() {
  return {
    name: 'statuskit-feed-commands',
    async executeCommand({ command, payload }) {
      const run = commands[command];
      return run ? run(payload ?? {}) : undefined;
    },
    async serverStop() {
      for (const id of [...feeds.keys()]) await commands['feed:dispose']({ id });
    },
  };
}
