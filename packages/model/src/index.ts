export * from './types.js';
export * from './status.js';
export * from './localized-text.js';
export * from './active.js';
export { dependencyEdges, type DependencyEdge } from './dependencies.js';
export * from './effective-status.js';
export * from './notices.js';
export * from './transitions.js';
export { noticeVersion, type NoticeSubject } from './notice-version.js';
export * from './changes.js';
export * from './narrow.js';
export { closestIds, didYouMean, editDistance } from './closest-ids.js';
export { feedLanguages } from './feed-languages.js';
export * from './validation/index.js';
export * from './view/service-view.js';
export {
  deriveServiceView,
  type DerivedNotice,
  type DerivedServiceView,
} from './view/derive-service-view.js';
