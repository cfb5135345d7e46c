// Bundles src/main.js and what it imports into dist/ for the browser. node-resolve finds
// @statuskit/elements, lit and i18next in node_modules (the elements' own modules import them,
// so the app shares one copy with anything else that uses lit). Languages other than English are
// dynamic imports in the elements, so they become chunks fetched only by pages in that language.
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'src/main.js',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [nodeResolve({ browser: true })],
};
