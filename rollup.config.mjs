// One build for every package. Each output is commented by its audience.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { transform } from 'esbuild';
import { bundleSizeReport } from './scripts/bundle-size.mjs';
import { sriReport } from './scripts/sri-hash.mjs';

/** Library entry for Node and for bundlers: ESM, dependencies left as imports. */
function libraryModule(pkg, inputs = ['src/index.ts']) {
  return {
    input: Object.fromEntries(
      inputs.map((file) => [file.replace(/^src\/|\.ts$/g, ''), `packages/${pkg}/${file}`]),
    ),
    // Chunks shared by several entries (the client's `.` and `./view`) keep plain names, so that
    // builds replace them instead of piling up hashed copies in the published dist/.
    output: {
      dir: `packages/${pkg}/dist`,
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'chunks/[name].js',
    },
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [
      typescript({
        tsconfig: `packages/${pkg}/tsconfig.build.json`,
        // tsc -b writes the declarations; rollup only needs the JavaScript.
        compilerOptions: {
          emitDeclarationOnly: false,
          declaration: false,
          declarationMap: false,
          composite: false,
          incremental: false,
          outDir: `packages/${pkg}/dist`,
        },
        outputToFilesystem: false,
      }),
    ],
  };
}

/** Every TypeScript module under a package's src/, as `src/…` paths, except `skip`. */
function sourceFiles(pkg, skip = []) {
  return readdirSync(`packages/${pkg}/src`, { recursive: true })
    .filter((file) => file.endsWith('.ts') && !skip.includes(file))
    .map((file) => `src/${file}`);
}

/** Per-module ES output for bundlers: `dist/banner/define.js` and so on, mirroring src/. */
function perModule(config, pkg) {
  return {
    ...config,
    output: { ...config.output, preserveModules: true, preserveModulesRoot: `packages/${pkg}/src` },
  };
}

/**
 * TypeScript through esbuild (type-checking is `npm run typecheck`'s job), for bundles that take
 * workspace packages from source: `./x.js` imports in .ts files mean `./x.ts`.
 */
function typescriptSources() {
  return {
    name: 'statuskit-typescript-sources',
    resolveId(source, importer) {
      if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) {
        return null;
      }
      const candidate = new URL(source.replace(/\.js$/, '.ts'), `file://${importer}`).pathname;
      return existsSync(candidate) ? candidate : null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      // Style modules hold plain css`…` literals (no interpolations): drop comments and spaces.
      if (id.endsWith('.styles.ts')) {
        code = code.replace(/css`([^`$]*)`/g, (_, text) => {
          const compact = text
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .trim();
          return `css\`${compact}\``;
        });
      }
      const result = await transform(code, {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        sourcefile: id,
      });
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * Puts everything the entry imports statically into one chunk of its own, leaving only the
 * start-up code in the entry file. Pages load `statuskit.js?v=2`; the lazily loaded chunks then
 * import the shared modules by their plain URL, and must get the same instances (one client per
 * feed), not a second copy of the entry.
 */
function entryCore(entryFile, name) {
  let core;
  return (id, { getModuleIds, getModuleInfo }) => {
    if (!core) {
      const entry = [...getModuleIds()].find((candidate) => candidate.endsWith(`/${entryFile}`));
      core = new Set();
      const queue = [...(getModuleInfo(entry)?.importedIds ?? [])];
      while (queue.length > 0) {
        const next = queue.pop();
        if (core.has(next)) continue;
        core.add(next);
        queue.push(...(getModuleInfo(next)?.importedIds ?? []));
      }
    }
    return core.has(id) ? name : undefined;
  };
}

/** Minifies each output chunk (imports and exports keep their names). */
function minify() {
  return {
    name: 'statuskit-minify',
    async renderChunk(code) {
      const result = await transform(code, {
        minify: true,
        format: 'esm',
        target: 'es2022',
        sourcemap: true,
        legalComments: 'eof',
      });
      return { code: result.code, map: result.map };
    },
  };
}

export default [
  // @statuskit/model: browsers (through the client) and Node (the feed).
  libraryModule('model'),
  // @statuskit/client: browsers (directly or through the elements) and Node; for bundlers. The
  // `view` subpath (one service's view) shares chunks with the document client, never imports it.
  libraryModule('client', ['src/index.ts', 'src/view/index.ts']),
  // @statuskit/feed: the Node server and its `statuskit-feed` command.
  libraryModule('feed', ['src/index.ts', 'src/cli.ts']),
  // @statuskit/elements for bundlers: one ES module per source module (`banner/define.js`, …),
  // with lit, i18next and @statuskit/* left as imports for the app's bundler to share.
  perModule(libraryModule('elements', sourceFiles('elements', ['statuskit.ts'])), 'elements'),
  // @statuskit/elements for the script tag: `dist/statuskit.js` with everything bundled. A quiet
  // page runs only this entry (the view client); each element's rendering code, the document
  // client (for the elements that decide from the document) and each language other than English
  // are chunks beside it, loaded with `import()` from the same origin when needed.
  // Prints gzip sizes and the SRI hash.
  {
    input: { statuskit: 'packages/elements/src/statuskit.ts' },
    // The entry's code must stay in statuskit.js itself (not behind a facade): it finds its
    // script tag by its own `import.meta.url`.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'packages/elements/dist',
      format: 'es',
      entryFileNames: '[name].js',
      // Each element's chunk is named after it (`banner-….js`), not after its `define` module.
      chunkFileNames: (chunk) => {
        const element = /\/(\w+)\/define\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
        return `statuskit-chunks/${element ?? '[name]'}-[hash].js`;
      },
      sourcemap: true,
      manualChunks: entryCore('statuskit.ts', 'statuskit-core'),
    },
    plugins: [
      {
        name: 'statuskit-clean-chunks',
        buildStart() {
          // Chunk names carry content hashes: drop the previous build's, or they pile up.
          rmSync('packages/elements/dist/statuskit-chunks', { recursive: true, force: true });
        },
      },
      typescriptSources(),
      nodeResolve({
        browser: true,
        exportConditions: ['statuskit-source', 'production'],
        extensions: ['.mjs', '.js', '.ts'],
      }),
      minify(),
      bundleSizeReport(),
      sriReport({ file: 'statuskit.js' }),
    ],
  },
  // @statuskit/console: the operators' web app the feed serves at /console/ (`serve --console`),
  // everything bundled, with its page and stylesheet copied beside it from public/.
  {
    input: { console: 'packages/console/src/main.ts' },
    output: {
      dir: 'packages/console/dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      {
        name: 'statuskit-console-page',
        buildStart() {
          rmSync('packages/console/dist/chunks', { recursive: true, force: true });
        },
        generateBundle() {
          for (const file of readdirSync('packages/console/public')) {
            this.emitFile({
              type: 'asset',
              fileName: file,
              source: readFileSync(`packages/console/public/${file}`),
            });
          }
        },
      },
      typescriptSources(),
      nodeResolve({
        browser: true,
        exportConditions: ['statuskit-source', 'production'],
        extensions: ['.mjs', '.js', '.ts'],
      }),
      minify(),
    ],
  },
];
