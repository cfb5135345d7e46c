import type { FeedHttp } from '../api/http.js';
import type { SessionInfo } from '../api/contract.js';
import type { UiLanguage } from '../locales/index.js';
import type { Route } from './routes.js';

/**
 * What every screen gets from the shell (as its `.context` property): the feed, the signed-in
 * session, where it is, and how to go elsewhere. A new object on every change, so screens update.
 */
export interface ConsoleContext {
  readonly http: FeedHttp;
  readonly session: SessionInfo;
  readonly route: Route;
  /** The console's own language (da or en), not the languages texts are published in. */
  readonly language: UiLanguage;
  navigate(route: Route): void;
  /** Tells the operator, politely (a live region in the shell), what just happened. */
  announce(message: string): void;
}
