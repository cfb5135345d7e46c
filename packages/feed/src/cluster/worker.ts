import cluster from 'node:cluster';
import type { Logger } from '../log.js';
import type { ReadyMessage } from './messages.js';

/** The environment variable that gives a forked worker its slot (1 to N, kept across restarts). */
export const WORKER_SLOT_VARIABLE = 'STATUSKIT_WORKER';

/** This process's slot in `serve --workers N`, or `undefined` when it runs alone. */
export function workerSlot(): string | undefined {
  return cluster.isWorker ? process.env[WORKER_SLOT_VARIABLE] : undefined;
}

/** Every line a worker logs names it: its slot and its process id. */
export function workerLogger(log: Logger, worker: string): Logger {
  return (entry) => {
    log({ ...entry, worker, pid: process.pid });
  };
}

/** Tells the primary this worker's feed is listening. */
export function announceReady(url: string): void {
  const message: ReadyMessage = { type: 'statuskit:ready', url };
  process.send?.(message);
}
