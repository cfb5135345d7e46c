import { LocalizedTextFields } from './localized-text-fields.js';

// Pages may load the bundle twice; the first definition stays.
if (!customElements.get('sk-localized-text-fields')) {
  customElements.define('sk-localized-text-fields', LocalizedTextFields);
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-localized-text-fields': LocalizedTextFields;
  }
}
