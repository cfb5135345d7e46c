import { MaintenanceScreen } from './maintenance-screen.js';

if (!customElements.get('sk-maintenance-screen')) {
  customElements.define('sk-maintenance-screen', MaintenanceScreen);
}

declare global {
  interface HTMLElementTagNameMap {
    'sk-maintenance-screen': MaintenanceScreen;
  }
}
