/** The console's entry: defines the app and its screens; index.html loads this (no inline script). */
import { ConsoleApp } from './app/console-app.js';
import './screens/index.js';

if (!customElements.get('statuskit-console'))
  customElements.define('statuskit-console', ConsoleApp);
