import type { Logger } from '../log.js';
import type { ChangeListener, ChangeRecord } from './change-store.js';
import { describeError } from './data-dir.js';

/**
 * Tells every listener about stored changes. A listener that throws is logged and the others are
 * still told: the change is stored whatever a listener does with it.
 */
export function tellListeners(
  listeners: ReadonlySet<ChangeListener>,
  records: readonly ChangeRecord[],
  reloaded: boolean,
  log: Logger,
  revision: number,
): void {
  for (const listener of [...listeners]) {
    try {
      listener(records, reloaded);
    } catch (error) {
      log({
        level: 'error',
        msg: `a change listener failed (${describeError(error)}); the change is stored and other listeners were called`,
        revision,
      });
    }
  }
}
