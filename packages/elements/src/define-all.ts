/**
 * Registers all five elements. The script-tag entry loads this module lazily, the first time
 * something needs rendering; bundler users may import it, or each element's own `define` module.
 */
import { defineStatusAlternatives } from './alternatives/define.js';
import { defineStatusAvailability } from './availability/define.js';
import { defineStatusBanner } from './banner/define.js';
import { defineStatusDependencies } from './dependencies/define.js';
import { defineStatusMaintenance } from './maintenance/define.js';

export function defineAll(): void {
  defineStatusBanner();
  defineStatusDependencies();
  defineStatusAlternatives();
  defineStatusMaintenance();
  defineStatusAvailability();
}
