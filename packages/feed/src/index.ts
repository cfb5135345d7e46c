export {
  startFeedServer,
  StartupError,
  type FeedServer,
  type FeedServerOptions,
} from './server.js';
export { loadConfig, parseConfig, ConfigError } from './config.js';
export { hashToken, generateToken, tokenMatches } from './tokens.js';
export { runCli } from './cli.js';
export { jsonLogger, silentLogger, type Logger, type LogEntry } from './log.js';
export { type MetricsGroup } from './metrics.js';
export { ServiceViews, type RenderedView, type ViewStore } from './views/service-views.js';
export { viewLanguage, VIEW_LANGUAGES, type ViewLanguage } from './views/view-language.js';
export { superviseWorkers, type SupervisorOptions } from './cluster/supervisor.js';
export { workerMetricsGroup } from './cluster/group-metrics.js';
export { announceReady, workerLogger, workerSlot } from './cluster/worker.js';
export {
  StoreError,
  RevisionConflict,
  StoreUnavailable,
  type AppendOptions,
  type ChangeRecord,
  type ChangeStore,
  type ChangeListener,
  type HealthListener,
  type StoreHealth,
  type StoreLag,
} from './store/change-store.js';
export { FileJournalStore } from './store/file-journal.js';
export {
  RedisChangeStore,
  type RedisChangeStoreOptions,
  type RedisStoreSettings,
} from './store/redis-change-store.js';
export type { StoreDurability } from './store/redis-durability.js';
export { readUsage, type UsageLog, type UsageOptions } from './planning/access-log.js';
export { buildProfile, type UsageProfile } from './planning/usage-profile.js';
export { proposeWindows, type WindowPlan, type WindowLoad } from './planning/windows.js';
export { planWindows, formatPlan, type PlanOptions, type PlanReport } from './planning/plan.js';
export { PlanningError, scheduleMaintenance } from './planning/schedule.js';
export { TimeZone } from './planning/zoned-time.js';
export { buildReport, ReportError, type ReportRequest } from './report/report.js';
export { evaluate, type Report } from './report/evaluation.js';
export { formatMarkdown } from './report/markdown.js';
export { replayHistory, loadCatalogue, type History } from './report/history.js';
export { StatusTimeline, type StatusSpan } from './report/timeline.js';
export { measure, type Exposure } from './report/exposure.js';
export { OutageLedger, type LedgerEntry } from './records/outage-ledger.js';
export { outageRecord, isFinished, type OutageRecord } from './records/outage-record.js';
export { canonicalRecord, signRecord } from './records/record-signature.js';
export { loadSigningKeys, writeNewKeyFile, SigningKeyError } from './signing/key-file.js';
export { publishedJwks } from './signing/jwks.js';
export type { SigningKey, SigningKeys } from './signing/signing-keys.js';
