/** A real `redis-server` (Debian's) on a free port with its own temporary directory. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** The running server's pid, if it runs. */
  pid(): number | undefined;
  /** Stops the server (SIGTERM: it finishes its append-only file first). */
  stop(): Promise<void>;
  /** Kills it without a chance to finish anything (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory, with what it had stored. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

/** A real `redis-sentinel` (Debian's) watching one primary, with a quorum of 1. */
export interface RedisSentinel {
  readonly port: number;
  /** The `--store` URL that finds the primary through this sentinel (database 0). */
  readonly url: string;
  /** Stops it and removes its directory. */
  remove(): Promise<void>;
}

export declare const DURABLE: readonly string[];
export declare function startRedis(settings?: readonly string[]): Promise<RedisServer>;
export declare function startSentinel(primaryPort: number, name?: string): Promise<RedisSentinel>;
export declare function freePort(): Promise<number>;
