import { IncidentsScreen } from './incidents-screen.js';

if (!customElements.get('sk-incidents-screen')) {
  customElements.define('sk-incidents-screen', IncidentsScreen);
}
