import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../log.js';
import { answerGroupMetrics } from './group-metrics.js';
import { isReady } from './messages.js';
import { WORKER_SLOT_VARIABLE } from './worker.js';

export interface SupervisorOptions {
  /** How many workers to keep running, each serving the feed on the same port. */
  readonly workers: number;
  readonly log: Logger;
  /**
   * Delay before a dead worker is started again, in ms: `first` after a worker that had run
   * for `stableMs`, doubled for each further quick death, at most `max` (defaults 100, 30,000).
   */
  readonly restartBackoff?: { readonly first: number; readonly max: number };
  /** A worker that ran this long before dying counts as healthy (default 60,000 ms). */
  readonly stableMs?: number;
  /** How long workers get to close gracefully before they are killed (default 30,000 ms). */
  readonly stopTimeoutMs?: number;
}

interface Slot {
  worker: Worker | undefined;
  startedAt: number;
  /** Deaths in a row, each within `stableMs` of its start. */
  quickDeaths: number;
  restart: NodeJS.Timeout | undefined;
}

/**
 * The primary of `serve --workers N`: forks N workers (each runs this same command and serves the
 * feed on the shared port; node:cluster hands out the connections), starts again one that dies,
 * with backoff, and on SIGTERM or SIGINT stops them all gracefully. Resolves with the exit code:
 * 0 after a clean stop, the worker's code when the group could not start.
 */
export function superviseWorkers(options: SupervisorOptions): Promise<number> {
  const { workers, log } = options;
  const backoff = options.restartBackoff ?? { first: 100, max: 30_000 };
  const stableMs = options.stableMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  const stopAnswering = answerGroupMetrics();
  const slots = new Map<number, Slot>();
  const ready = new Set<Worker>();
  let listening = false;
  let stopping = false;
  let exitCode = 0;

  return new Promise((resolve) => {
    const fork = (number: number, slot: Slot): void => {
      slot.restart = undefined;
      slot.startedAt = Date.now();
      slot.worker = cluster.fork({ [WORKER_SLOT_VARIABLE]: String(number) });
    };
    const slotOf = (worker: Worker): [number, Slot] | undefined =>
      [...slots.entries()].find(([, slot]) => slot.worker === worker);
    const alive = (): Worker[] =>
      [...slots.values()].flatMap((slot) => (slot.worker ? [slot.worker] : []));

    const onMessage = (worker: Worker, message: unknown): void => {
      if (!isReady(message)) return;
      ready.add(worker);
      if (listening || ready.size < workers) return;
      listening = true;
      log({ level: 'info', msg: 'workers listening', url: message.url, workers, pid: process.pid });
    };

    const onExit = (worker: Worker, code: number | null, signal: string | null): void => {
      ready.delete(worker);
      const found = slotOf(worker);
      if (!found) return;
      const [number, slot] = found;
      slot.worker = undefined;
      const pid = worker.process.pid;
      if (stopping) {
        if (code !== 0) exitCode = 1;
        if (alive().length === 0) finish();
        return;
      }
      if (!listening) {
        // A worker that cannot start (port taken, data unreadable) would fail again: stop.
        log({
          level: 'error',
          msg: 'worker failed to start',
          worker: String(number),
          pid,
          code,
          signal,
        });
        stop('a worker failed to start', code === null || code === 0 ? 1 : code);
        return;
      }
      slot.quickDeaths = Date.now() - slot.startedAt < stableMs ? slot.quickDeaths + 1 : 0;
      const delay = Math.min(backoff.max, backoff.first * 2 ** Math.max(0, slot.quickDeaths - 1));
      log({
        level: 'warn',
        msg: 'worker died; starting it again',
        worker: String(number),
        pid,
        code,
        signal,
        restartInMs: delay,
      });
      slot.restart = setTimeout(() => {
        fork(number, slot);
      }, delay);
    };

    let killer: NodeJS.Timeout | undefined;
    const stop = (reason: string, code = 0): void => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      log({ level: 'info', msg: 'stopping workers', reason, pid: process.pid });
      for (const slot of slots.values()) clearTimeout(slot.restart);
      const running = alive();
      if (running.length === 0) {
        finish();
        return;
      }
      // Each worker closes gracefully: streams get a jittered retry, writes finish.
      for (const worker of running) worker.process.kill('SIGTERM');
      killer = setTimeout(() => {
        log({
          level: 'error',
          msg: 'workers did not stop in time; killing them',
          pid: process.pid,
        });
        exitCode = 1;
        for (const worker of alive()) worker.process.kill('SIGKILL');
      }, stopTimeoutMs);
    };
    const onSigterm = (): void => {
      stop('SIGTERM');
    };
    const onSigint = (): void => {
      stop('SIGINT');
    };
    const finish = (): void => {
      clearTimeout(killer);
      stopAnswering();
      cluster.off('message', onMessage);
      cluster.off('exit', onExit);
      process.off('SIGTERM', onSigterm);
      process.off('SIGINT', onSigint);
      log({ level: 'info', msg: 'workers stopped', code: exitCode, pid: process.pid });
      resolve(exitCode);
    };

    cluster.on('message', onMessage);
    cluster.on('exit', onExit);
    process.on('SIGTERM', onSigterm);
    process.on('SIGINT', onSigint);
    for (let number = 1; number <= workers; number += 1) {
      const slot: Slot = { worker: undefined, startedAt: 0, quickDeaths: 0, restart: undefined };
      slots.set(number, slot);
      fork(number, slot);
    }
  });
}
