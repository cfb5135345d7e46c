/**
 * Subscriptions in the data dir: one JSON file (`webhooks.json`) holding the subscriptions and
 * their delivery cursors, replaced atomically (temporary file, fsync, rename, fsync of the
 * directory) so a crash leaves the old or the new file, never a mix. Writes that arrive while one
 * is under way are coalesced into the next, so 1,000 cursors moving at once cost a few writes.
 */
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../store/change-store.js';
import { errorCode, syncDirectory } from '../store/data-dir.js';
import type { DeliveryState, Subscription } from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';

interface StoredFile {
  readonly subscriptions: readonly Subscription[];
  readonly states: Readonly<Record<string, DeliveryState>>;
}

export const SUBSCRIPTIONS_FILE = 'webhooks.json';

export class FileSubscriptionStore implements SubscriptionStore {
  readonly #file: string;
  #subscriptions: Subscription[] = [];
  readonly #states = new Map<string, DeliveryState>();
  /** The write under way, and whether another must follow it. */
  #writing: Promise<void> | undefined;
  #again: Promise<void> | undefined;

  constructor(dataDir: string) {
    this.#file = path.join(path.resolve(dataDir), SUBSCRIPTIONS_FILE);
  }

  async open(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    try {
      const stored = JSON.parse(text) as StoredFile;
      this.#subscriptions = [...stored.subscriptions];
      for (const [id, state] of Object.entries(stored.states)) this.#states.set(id, state);
    } catch (error) {
      throw new StoreError(
        `${this.#file}: not the JSON the feed wrote (${String(error)}); restore it from a backup or remove it (every subscription is then gone)`,
      );
    }
  }

  list(): Promise<readonly Subscription[]> {
    return Promise.resolve([...this.#subscriptions]);
  }

  async add(subscription: Subscription, state: DeliveryState, max: number): Promise<boolean> {
    const held = this.#subscriptions.filter((s) => s.authority === subscription.authority);
    if (held.length >= max) return false;
    this.#subscriptions.push(subscription);
    this.#states.set(subscription.id, state);
    await this.#save();
    return true;
  }

  async remove(id: string): Promise<boolean> {
    const before = this.#subscriptions.length;
    this.#subscriptions = this.#subscriptions.filter((s) => s.id !== id);
    this.#states.delete(id);
    if (this.#subscriptions.length === before) return false;
    await this.#save();
    return true;
  }

  states(): Promise<ReadonlyMap<string, DeliveryState>> {
    return Promise.resolve(new Map(this.#states));
  }

  async saveState(id: string, state: DeliveryState): Promise<void> {
    if (!this.#subscriptions.some((s) => s.id === id)) return;
    this.#states.set(id, state);
    await this.#save();
  }

  async close(): Promise<void> {
    await this.#again;
    await this.#writing;
  }

  /** Resolves once a write that began after this call has finished. */
  #save(): Promise<void> {
    if (this.#writing === undefined) {
      this.#writing = this.#write().finally(() => {
        this.#writing = undefined;
      });
      return this.#writing;
    }
    this.#again ??= this.#writing
      .catch(() => undefined)
      .then(() => {
        this.#again = undefined;
        return this.#save();
      });
    return this.#again;
  }

  async #write(): Promise<void> {
    const stored: StoredFile = {
      subscriptions: this.#subscriptions,
      states: Object.fromEntries(this.#states),
    };
    const temporary = `${this.#file}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(stored)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.#file);
    await syncDirectory(path.dirname(this.#file));
  }
}
