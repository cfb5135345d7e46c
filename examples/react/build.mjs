// Bundles the app with esbuild. React and react-dom are published as CommonJS; esbuild converts
// them on the way, where rollup would need @rollup/plugin-commonjs and a plugin to replace
// process.env.NODE_ENV.
import { build } from 'esbuild';

await build({
  absWorkingDir: import.meta.dirname,
  entryPoints: ['src/main.tsx'],
  outdir: 'dist',
  bundle: true,
  // The elements' other languages are dynamic imports: separate chunks, fetched when needed.
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  // React chooses its production build by process.env.NODE_ENV, which browsers do not have.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
