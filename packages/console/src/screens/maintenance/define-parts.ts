import { MaintenanceEvaluationView } from './maintenance-evaluation.js';
import { MaintenanceNew } from './maintenance-new.js';

// Pages may load the bundle twice; the first definition stays.
if (!customElements.get('sk-maintenance-new')) {
  customElements.define('sk-maintenance-new', MaintenanceNew);
}
if (!customElements.get('sk-maintenance-evaluation')) {
  customElements.define('sk-maintenance-evaluation', MaintenanceEvaluationView);
}
