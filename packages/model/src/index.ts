export * from './types.js';
export * from './status.js';
export * from './changes.js';
export * from './narrow.js';
