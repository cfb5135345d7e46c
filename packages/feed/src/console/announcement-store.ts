import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { syncDirectory } from '../store/data-dir.js';
import { parseRedisAddress } from '../store/redis-address.js';
import { connectRedis } from '../store/redis-stream.js';
import type { ScheduledAnnouncement } from './scheduled-announcements.js';

/**
 * Where scheduled announcements are kept. Its promises: `put` and `remove` are durable before
 * they resolve, and `claim` gives one announcement to exactly one process (with Redis, several
 * feeds share the list and only the claimant publishes).
 */
export interface AnnouncementStore {
  all(): Promise<ScheduledAnnouncement[]>;
  get(id: string): Promise<ScheduledAnnouncement | undefined>;
  put(entry: ScheduledAnnouncement): Promise<void>;
  remove(id: string): Promise<void>;
  /** Whether this process may publish `id` now; `release` gives it back after a failed try. */
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
  close(): Promise<void>;
}

/** `scheduled-announcements.json` in the data dir, replaced atomically on every change. */
export const ANNOUNCEMENTS_FILE = 'scheduled-announcements.json';

export class FileAnnouncementStore implements AnnouncementStore {
  readonly #file: string;
  #entries = new Map<string, ScheduledAnnouncement>();
  #saving: Promise<void> = Promise.resolve();

  private constructor(file: string) {
    this.#file = file;
  }

  static async open(dataDir: string): Promise<FileAnnouncementStore> {
    const store = new FileAnnouncementStore(path.join(dataDir, ANNOUNCEMENTS_FILE));
    try {
      const stored = JSON.parse(await readFile(store.#file, 'utf8')) as {
        announcements?: ScheduledAnnouncement[];
      };
      for (const entry of stored.announcements ?? []) store.#entries.set(entry.id, entry);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return store;
  }

  all(): Promise<ScheduledAnnouncement[]> {
    return Promise.resolve([...this.#entries.values()]);
  }

  get(id: string): Promise<ScheduledAnnouncement | undefined> {
    return Promise.resolve(this.#entries.get(id));
  }

  put(entry: ScheduledAnnouncement): Promise<void> {
    this.#entries.set(entry.id, entry);
    return this.#save();
  }

  remove(id: string): Promise<void> {
    this.#entries.delete(id);
    return this.#save();
  }

  /** One process owns the data dir (its lock), so it may publish everything. */
  claim(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.#saving;
  }

  /** Writes a temporary file, fsyncs it, renames it over the old one, fsyncs the directory. */
  #save(): Promise<void> {
    const text = `${JSON.stringify({ announcements: [...this.#entries.values()] })}\n`;
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        const temporary = `${this.#file}.tmp`;
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, this.#file);
        await syncDirectory(path.dirname(this.#file));
      });
    return this.#saving;
  }
}

/** How long a claim holds: longer than any publication takes, short enough to retry after a crash. */
const CLAIM_MS = 60_000;

/**
 * The hash `<prefix>scheduled-announcements` (id → JSON), shared by every feed on the Redis;
 * a publication is claimed with `SET <prefix>scheduled-announcement-claim:<id> NX PX`, so one
 * process publishes it however many check the clock.
 */
export class RedisAnnouncementStore implements AnnouncementStore {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #claimPrefix: string;

  constructor(url: string, keyPrefix = 'statuskit:') {
    this.#redis = connectRedis(parseRedisAddress(url), {});
    this.#redis.on('error', () => undefined);
    this.#key = `${keyPrefix}scheduled-announcements`;
    this.#claimPrefix = `${keyPrefix}scheduled-announcement-claim:`;
  }

  async all(): Promise<ScheduledAnnouncement[]> {
    const values = await this.#redis.hvals(this.#key);
    return values.map((value) => JSON.parse(value) as ScheduledAnnouncement);
  }

  async get(id: string): Promise<ScheduledAnnouncement | undefined> {
    const value = await this.#redis.hget(this.#key, id);
    return value === null ? undefined : (JSON.parse(value) as ScheduledAnnouncement);
  }

  async put(entry: ScheduledAnnouncement): Promise<void> {
    await this.#redis.hset(this.#key, entry.id, JSON.stringify(entry));
  }

  async remove(id: string): Promise<void> {
    await this.#redis.hdel(this.#key, id);
  }

  async claim(id: string): Promise<boolean> {
    return (await this.#redis.set(`${this.#claimPrefix}${id}`, '1', 'PX', CLAIM_MS, 'NX')) === 'OK';
  }

  async release(id: string): Promise<void> {
    await this.#redis.del(`${this.#claimPrefix}${id}`);
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => undefined);
  }
}
