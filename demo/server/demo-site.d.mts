// Types for demo-site.mjs, so the end-to-end tests (TypeScript) can import it.
import type { Server } from 'node:http';
import type { FeedServer, FeedServerOptions, Logger } from '@statuskit/feed';

export interface DemoTokens {
  readonly digst: string;
  readonly skat: string;
  readonly kk: string;
}

export interface Demo {
  readonly siteUrl: string;
  /** The feed's origin, without `/v1`. */
  readonly feedUrl: string;
  /** The operators' console the feed serves: `<feedUrl>/console/`. */
  readonly consoleUrl: string;
  readonly tokens: DemoTokens;
  readonly feed: FeedServer;
  readonly site: Server;
  close(): Promise<void>;
}

export type DemoFeedOptions = Partial<
  Pick<FeedServerOptions, 'retryMs' | 'shutdownJitterMs' | 'now'>
>;

export function demoTokens(): Promise<DemoTokens>;

export function startDemoFeed(options: {
  dataDir: string;
  port?: number;
  log?: Logger;
  feedOptions?: DemoFeedOptions;
  /** Writes synthetic access logs into `dataDir` and configures them as `console.accessLogs`. */
  accessLogs?: boolean;
}): Promise<FeedServer>;

export function createDemoSite(options: { feedUrl: string }): Server;

export function startDemo(options: {
  dataDir: string;
  port?: number;
  feedPort?: number;
  seed?: boolean;
  fallback?: boolean;
  accessLogs?: boolean;
  log?: Logger;
  feedOptions?: DemoFeedOptions;
}): Promise<Demo>;
