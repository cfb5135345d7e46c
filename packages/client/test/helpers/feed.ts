import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseConfig,
  silentLogger,
  startFeedServer,
  type FeedServer,
  type FeedServerOptions,
} from '@statuskit/feed';
import { configJson, incidentBody, TOKENS } from './fixtures.js';

type FeedOptions = Omit<Partial<FeedServerOptions>, 'config' | 'dataDir' | 'port'> & {
  readonly configOverrides?: Record<string, unknown>;
};

/** A real @statuskit/feed on an ephemeral port, restartable on the same port and data dir. */
export class TestFeed {
  feed: FeedServer;
  readonly #options: FeedOptions;
  readonly #dataDir: string;
  readonly #port: number;

  private constructor(feed: FeedServer, options: FeedOptions, dataDir: string) {
    this.feed = feed;
    this.#options = options;
    this.#dataDir = dataDir;
    this.#port = Number(new URL(feed.url).port);
  }

  static async start(options: FeedOptions = {}): Promise<TestFeed> {
    const dataDir = await mkdtemp(join(tmpdir(), 'statuskit-client-'));
    return new TestFeed(await TestFeed.#serve(options, dataDir, 0), options, dataDir);
  }

  static #serve(options: FeedOptions, dataDir: string, port: number): Promise<FeedServer> {
    const { configOverrides, ...rest } = options;
    const config = parseConfig(JSON.stringify(configJson(configOverrides)), 'client test config');
    return startFeedServer({ config, dataDir, port, log: silentLogger, ...rest });
  }

  /** The `/v1` base URL a client is given. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get revision(): number {
    return this.feed.store.revision;
  }

  /** Graceful: streams get a jittered `retry:` and end. */
  async stop(): Promise<void> {
    await this.feed.close();
  }

  /** Like SIGKILL for the clients: every socket is cut without a word, then the server stops. */
  async kill(): Promise<void> {
    this.feed.server.closeAllConnections();
    await this.feed.close();
  }

  /** Starts on the same port and data dir, optionally with a changed catalogue. */
  async startAgain(configOverrides?: Record<string, unknown>): Promise<void> {
    const options = configOverrides ? { ...this.#options, configOverrides } : this.#options;
    this.feed = await TestFeed.#serve(options, this.#dataDir, this.#port);
  }

  async dispose(): Promise<void> {
    await this.feed.close();
    await rm(this.#dataDir, { recursive: true, force: true });
  }

  /** An admin write through the real HTTP API; resolves with the new revision. */
  async admin(
    method: string,
    path: string,
    body: unknown,
    token: string = TOKENS.digst,
  ): Promise<number> {
    const response = await fetch(`${this.origin}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { revision?: number; error?: string };
    if (!response.ok || json.revision === undefined) {
      throw new Error(`${method} ${path} failed with ${response.status}: ${json.error ?? ''}`);
    }
    return json.revision;
  }

  setStatus(service: string, status: string, token: string = TOKENS.digst): Promise<number> {
    return this.admin('PUT', `/services/${service}/status`, { status }, token);
  }

  openIncident(overrides: Record<string, unknown> = {}): Promise<number> {
    return this.admin('POST', '/incidents', incidentBody(overrides));
  }

  /** `statuskit_open_streams` from /metrics. */
  async openStreams(): Promise<number> {
    const text = await (await fetch(`${this.origin}/metrics`)).text();
    const match = /^statuskit_open_streams (\d+)/m.exec(text);
    return Number(match?.[1] ?? NaN);
  }
}
