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
export {
  StoreError,
  type ChangeRecord,
  type ChangeStore,
  type ChangeListener,
} from './store/change-store.js';
export { FileJournalStore } from './store/file-journal.js';
