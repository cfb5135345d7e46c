import { defineElement } from '../define-element.js';
import { StatusAlternatives } from './alternatives.js';

/** Registers `<status-alternatives>` (a no-op when the tag is already defined). */
export function defineStatusAlternatives(): void {
  defineElement('status-alternatives', StatusAlternatives);
}

defineStatusAlternatives();

declare global {
  interface HTMLElementTagNameMap {
    'status-alternatives': StatusAlternatives;
  }
}
