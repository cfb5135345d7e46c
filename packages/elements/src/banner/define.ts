import { defineElement } from '../define-element.js';
import { StatusBanner } from './banner.js';

/** Registers `<status-banner>` (a no-op when the tag is already defined). */
export function defineStatusBanner(): void {
  defineElement('status-banner', StatusBanner);
}

defineStatusBanner();

declare global {
  interface HTMLElementTagNameMap {
    'status-banner': StatusBanner;
  }
}
