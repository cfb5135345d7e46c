import { defineElement } from '../define-element.js';
import { StatusDependencies } from './dependencies.js';

/** Registers `<status-dependencies>` (a no-op when the tag is already defined). */
export function defineStatusDependencies(): void {
  defineElement('status-dependencies', StatusDependencies);
}

defineStatusDependencies();

declare global {
  interface HTMLElementTagNameMap {
    'status-dependencies': StatusDependencies;
  }
}
