import { randomBytes } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ValidationIssue } from '@statuskit/model';
import { HttpError } from '../http/http-error.js';
import type { AdminDependencies } from '../routes/admin.js';
import { syncDirectory } from '../store/data-dir.js';
import { announceMaintenance, type Credential } from './announce-maintenance.js';

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

/** `scheduled-announcements.json` in the data dir, replaced atomically on every change. */
export const ANNOUNCEMENTS_FILE = 'scheduled-announcements.json';

/** How often the clock is looked at; an announcement is published within this of its time. */
const TICK_MS = 5_000;

/**
 * Scheduled maintenance announcements, kept durably in the data dir, published at their time
 * through the feed's normal write path as the authority that scheduled them. Only a feed on its
 * own file journal keeps them: with Redis several processes would each publish.
 */
export class ScheduledAnnouncements {
  readonly #file: string;
  readonly #deps: AdminDependencies;
  readonly #tickMs: number;
  #entries: ScheduledAnnouncement[] = [];
  #timer: NodeJS.Timeout | undefined;
  #publishing: Promise<void> = Promise.resolve();
  #saving: Promise<void> = Promise.resolve();

  private constructor(dataDir: string, deps: AdminDependencies, tickMs: number) {
    this.#file = path.join(dataDir, ANNOUNCEMENTS_FILE);
    this.#deps = deps;
    this.#tickMs = tickMs;
  }

  /** Reads what was scheduled before a restart. */
  static async open(
    dataDir: string,
    deps: AdminDependencies,
    tickMs = TICK_MS,
  ): Promise<ScheduledAnnouncements> {
    const announcements = new ScheduledAnnouncements(dataDir, deps, tickMs);
    try {
      const stored = JSON.parse(await readFile(announcements.#file, 'utf8')) as {
        announcements?: ScheduledAnnouncement[];
      };
      announcements.#entries = stored.announcements ?? [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return announcements;
  }

  /** All of them, soonest first, without their credentials (the overview and the console list them). */
  list(): Promise<PublicAnnouncement[]> {
    return Promise.resolve(this.#due().map(({ credential: _credential, ...entry }) => entry));
  }

  #due(): ScheduledAnnouncement[] {
    return [...this.#entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async add(entry: Omit<ScheduledAnnouncement, 'id' | 'scheduledAt'>): Promise<PublicAnnouncement> {
    const scheduled: ScheduledAnnouncement = {
      id: `sa_${randomBytes(6).toString('hex')}`,
      scheduledAt: this.#deps.now().toISOString(),
      ...entry,
    };
    this.#entries.push(scheduled);
    await this.#save();
    const { credential: _credential, ...shown } = scheduled;
    return shown;
  }

  /** Removes one the authority scheduled; 404 when there is none, 403 for another's. */
  async remove(id: string, authority: string): Promise<void> {
    const entry = this.#entries.find((candidate) => candidate.id === id);
    if (!entry) throw new HttpError(404, `no scheduled announcement "${id}"`);
    if (entry.authority !== authority) {
      throw new HttpError(
        403,
        `authority "${authority}" may not remove scheduled announcement "${id}" (scheduled by "${entry.authority}")`,
      );
    }
    this.#entries = this.#entries.filter((candidate) => candidate !== entry);
    await this.#save();
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
    await this.#saving;
  }

  /** Publishes every announcement whose time has come, one after another, by the feed's clock. */
  publishDue(): Promise<void> {
    this.#publishing = this.#publishing.then(async () => {
      const now = this.#deps.now().getTime();
      const due = this.#due().filter((entry) => !entry.failure && Date.parse(entry.at) <= now);
      for (const entry of due) await this.#publish(entry);
    });
    return this.#publishing;
  }

  async #publish(entry: ScheduledAnnouncement): Promise<void> {
    try {
      await announceMaintenance(
        this.#deps,
        entry.authority,
        entry.maintenance,
        entry.credential ?? {},
      );
      this.#entries = this.#entries.filter((candidate) => candidate.id !== entry.id);
      this.#deps.log({
        level: 'info',
        msg: 'scheduled announcement published',
        id: entry.id,
        actor: entry.authority,
      });
    } catch (error) {
      // The store was unreachable or busy: nothing was written, so the next tick tries again.
      if (!(error instanceof HttpError) || error.status === 503) {
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
      this.#entries = this.#entries.map((candidate) =>
        candidate.id === entry.id ? { ...candidate, failure } : candidate,
      );
      this.#deps.log({
        level: 'warn',
        msg: 'scheduled announcement refused when its time came; kept with its error',
        id: entry.id,
        actor: entry.authority,
        error: error.message,
      });
    }
    await this.#save();
  }

  /** Writes a temporary file, fsyncs it, renames it over the old one, fsyncs the directory. */
  #save(): Promise<void> {
    const entries = this.#entries;
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(async () => {
        const temporary = `${this.#file}.tmp`;
        const handle = await open(temporary, 'w', 0o600);
        try {
          await handle.writeFile(`${JSON.stringify({ announcements: entries })}\n`);
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
