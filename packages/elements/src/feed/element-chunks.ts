import type { StatuskitTag } from './render-demand.js';

/**
 * Each element's rendering code, one chunk per element (lit and the shared parts in chunks of
 * their own), so that a page loads only the elements it uses: a banner page never fetches the
 * other four. Literal `import()` paths, so that the bundler can see them.
 */
export const ELEMENT_CHUNKS: Readonly<Record<StatuskitTag, () => Promise<unknown>>> = {
  'status-banner': () => import('../banner/define.js'),
  'status-dependencies': () => import('../dependencies/define.js'),
  'status-alternatives': () => import('../alternatives/define.js'),
  'status-maintenance': () => import('../maintenance/define.js'),
  'status-availability': () => import('../availability/define.js'),
};
