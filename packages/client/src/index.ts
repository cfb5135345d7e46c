export { getFeedClient } from './shared-clients.js';
export { createFeedClient } from './feed-client.js';
export type {
  ConnectionOptions,
  ConnectionState,
  FeedClient,
  FeedClientOptions,
  FeedError,
  FeedEventInfo,
  FeedListener,
  FeedState,
  UnknownService,
} from './types.js';
