export {
  formatIssues,
  StatusValidationError,
  type Validation,
  type ValidationIssue,
} from './result.js';
export { validateDocument } from './document.js';
export {
  validateIncidentUpdate,
  validateNewIncident,
  validateNewMaintenance,
  validateServiceStatusChange,
  type IncidentUpdateInput,
  type MaintenanceChange,
  type NewIncident,
  type NewMaintenance,
  type ServiceStatusChange,
} from './writes.js';
export { validateMaintenanceChange } from './maintenance-change.js';
export { maintenanceWarnings, type MaintenanceWarning } from './maintenance-warnings.js';
export {
  onlyLimits,
  WRITE_LIMIT_DEFAULTS,
  type WriteContext,
  type WriteLimits,
} from './write-limits.js';
export { isLocaleTag, LONG_TEXT_MAX, SHORT_TEXT_MAX } from './primitives.js';
export {
  validateFeedConfig,
  FEED_CONFIG_DEFAULTS,
  FEED_LIMIT_DEFAULTS,
  type FeedLimits,
  type AuthorityConfig,
  type FeedConfig,
} from './feed-config.js';
export { ALERT_DEFAULTS, type AlertSettings } from './alerts-config.js';
export { SUBSCRIPTION_DEFAULTS, type SubscriptionSettings } from './subscriptions-config.js';
export { CONSOLE_DEFAULTS, type ConsoleSettings } from './console-config.js';
export {
  parseStatusRanges,
  PROBE_BODY_LIMIT,
  PROBE_DEFAULTS,
  type ProbeExpectation,
  type ProbeSettings,
} from './probes-config.js';
