import { defineElement } from '../define-element.js';
import { StatusMaintenance } from './maintenance.js';

/** Registers `<status-maintenance>` (a no-op when the tag is already defined). */
export function defineStatusMaintenance(): void {
  defineElement('status-maintenance', StatusMaintenance);
}

defineStatusMaintenance();

declare global {
  interface HTMLElementTagNameMap {
    'status-maintenance': StatusMaintenance;
  }
}
