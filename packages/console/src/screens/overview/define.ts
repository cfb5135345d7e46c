import { OverviewScreen } from './overview-screen.js';

if (!customElements.get('sk-overview-screen')) {
  customElements.define('sk-overview-screen', OverviewScreen);
}
