/**
 * `@statuskit/client/view`: one service's view, live, as the feed derives and words it. Importing
 * this never loads the model's validation and derivation nor the document client: a page that
 * only shows a banner pays for the connection alone.
 */
export { getViewClient } from './shared-view-clients.js';
export { createViewClient } from './view-client.js';
export type { ViewClient, ViewClientOptions, ViewListener, ViewState } from './types.js';
export type { ConnectionOptions, ConnectionState, FeedError, UnknownService } from '../types.js';
export type { ServiceView } from '@statuskit/model';
