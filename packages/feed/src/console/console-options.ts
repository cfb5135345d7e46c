/** How the feed serves the operators' console (`serve --console`). */
export interface ConsoleOptions {
  /** The built console (`@statuskit/console`'s `dist/`), served at `/console/`. */
  readonly assetsDir: string;
  /** Idle expiry of a session, in ms; overrides `console.sessionIdleMinutes` (tests). */
  readonly sessionIdleMs?: number;
  /** Absolute expiry of a session, in ms; overrides `console.sessionMaxHours` (tests). */
  readonly sessionMaxMs?: number;
}
