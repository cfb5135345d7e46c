import { randomBytes } from 'node:crypto';
import type { ValidationIssue } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import type { AdminDependencies } from '../routes/admin.js';
import { announceMaintenance, type Credential } from './announce-maintenance.js';
import type { AnnouncementStore } from './announcement-store.js';

/** A maintenance announcement waiting for its time, or one whose publication was refused. */
export interface ScheduledAnnouncement {
  readonly id: string;
  /** When to publish (ISO 8601). */
  readonly at: string;
  readonly authority: string;
  /** The body `POST /v1/admin/maintenance` gets then. */
  readonly maintenance: Readonly<Record<string, unknown>>;
  readonly scheduledAt: string;
  /** The credential it was scheduled with; the publication is recorded with it. */
  readonly credential?: Credential;
  /** Why the publication was refused when its time came; kept, shown, never retried. */
  readonly failure?: {
    readonly at: string;
    readonly message: string;
    readonly problems?: readonly ValidationIssue[];
  };
}

/** What anyone reading the list is shown: all but the credential. */
export type PublicAnnouncement = Omit<ScheduledAnnouncement, 'credential'>;

/** How often the clock is looked at; an announcement is published within this of its time. */
const TICK_MS = 5_000;

/**
 * Scheduled maintenance announcements, kept durably (`AnnouncementStore`: a file in the data
 * dir, or a Redis hash), published at their time by the feed's clock through the feed's normal
 * write path as the authority that scheduled them, with the credential they were scheduled with.
 */
export class ScheduledAnnouncements {
  readonly #store: AnnouncementStore;
  readonly #deps: AdminDependencies;
  readonly #tickMs: number;
  #timer: NodeJS.Timeout | undefined;
  #publishing: Promise<void> = Promise.resolve();

  constructor(store: AnnouncementStore, deps: AdminDependencies, tickMs = TICK_MS) {
    this.#store = store;
    this.#deps = deps;
    this.#tickMs = tickMs;
  }

  /** All of them, soonest first, without their credentials (the overview and the console list them). */
  async list(): Promise<PublicAnnouncement[]> {
    return (await this.#sorted()).map(({ credential: _credential, ...entry }) => entry);
  }

  async add(entry: Omit<ScheduledAnnouncement, 'id' | 'scheduledAt'>): Promise<PublicAnnouncement> {
    const scheduled: ScheduledAnnouncement = {
      id: `sa_${randomBytes(6).toString('hex')}`,
      scheduledAt: this.#deps.now().toISOString(),
      ...entry,
    };
    await this.#store.put(scheduled);
    const { credential: _credential, ...shown } = scheduled;
    return shown;
  }

  /** Removes one the authority scheduled; 404 when there is none, 403 for another's. */
  async remove(id: string, authority: string): Promise<void> {
    const entry = await this.#store.get(id);
    if (!entry) throw new HttpError(404, `no scheduled announcement "${id}"`);
    if (entry.authority !== authority) {
      throw new HttpError(
        403,
        `authority "${authority}" may not remove scheduled announcement "${id}" (scheduled by "${entry.authority}")`,
      );
    }
    await this.#store.remove(id);
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      void this.publishDue();
    }, this.#tickMs);
    this.#timer.unref();
    void this.publishDue();
  }

  /** Stops the clock; resolves once a publication in progress is stored. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#publishing;
    await this.#store.close();
  }

  /** Publishes every announcement whose time has come, one after another, by the feed's clock. */
  publishDue(): Promise<void> {
    this.#publishing = this.#publishing.then(async () => {
      try {
        const now = this.#deps.now().getTime();
        const due = (await this.#sorted()).filter(
          (entry) => !entry.failure && Date.parse(entry.at) <= now,
        );
        for (const entry of due) await this.#publish(entry.id);
      } catch (error) {
        this.#deps.log({
          level: 'warn',
          msg: 'scheduled announcements could not be read; will retry',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    });
    return this.#publishing;
  }

  async #sorted(): Promise<ScheduledAnnouncement[]> {
    return (await this.#store.all()).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async #publish(id: string): Promise<void> {
    if (!(await this.#store.claim(id))) return;
    // Another process may have published or removed it since the list was read.
    const entry = await this.#store.get(id);
    if (!entry || entry.failure) return;
    try {
      await announceMaintenance(
        this.#deps,
        entry.authority,
        entry.maintenance,
        entry.credential ?? {},
      );
      await this.#store.remove(entry.id);
      this.#deps.log({
        level: 'info',
        msg: 'scheduled announcement published',
        id: entry.id,
        actor: entry.authority,
      });
    } catch (error) {
      // The store was unreachable or busy: nothing was written, so the next tick tries again.
      if (!(error instanceof HttpError) || error.status === 503) {
        await this.#store.release(entry.id);
        this.#deps.log({
          level: 'warn',
          msg: 'scheduled announcement not published yet; will retry',
          id: entry.id,
          error: error instanceof Error ? error.message : String(error),
        });
        return;
      }
      const failure = {
        at: this.#deps.now().toISOString(),
        message: error.message,
        ...(error.errors && { problems: error.errors }),
      };
      await this.#store.put({ ...entry, failure });
      this.#deps.log({
        level: 'warn',
        msg: 'scheduled announcement refused when its time came; kept with its error',
        id: entry.id,
        actor: entry.authority,
        error: error.message,
      });
    }
  }
}
