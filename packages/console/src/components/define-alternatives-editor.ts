import { AlternativesEditor } from './alternatives-editor.js';

// Pages may load the console's modules twice: register only once.
if (!customElements.get('sk-alternatives-editor')) {
  customElements.define('sk-alternatives-editor', AlternativesEditor);
}
