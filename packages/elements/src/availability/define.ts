import { defineElement } from '../define-element.js';
import { StatusAvailability } from './availability.js';

/** Registers `<status-availability>` (a no-op when the tag is already defined). */
export function defineStatusAvailability(): void {
  defineElement('status-availability', StatusAvailability);
}

defineStatusAvailability();

declare global {
  interface HTMLElementTagNameMap {
    'status-availability': StatusAvailability;
  }
}
