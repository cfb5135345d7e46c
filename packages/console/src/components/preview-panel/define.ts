import { PreviewPanel } from './preview-panel.js';

// Pages may load the bundle twice; the first definition stays.
if (!customElements.get('sk-preview-panel'))
  customElements.define('sk-preview-panel', PreviewPanel);

declare global {
  interface HTMLElementTagNameMap {
    'sk-preview-panel': PreviewPanel;
  }
}
