// One build for every package. Each output is commented by its audience.
import typescript from '@rollup/plugin-typescript';

/** Library entry for Node and for bundlers: ESM, dependencies left as imports. */
function libraryModule(pkg, inputs = ['src/index.ts']) {
  return {
    input: Object.fromEntries(
      inputs.map((file) => [file.replace(/^src\/|\.ts$/g, ''), `packages/${pkg}/${file}`]),
    ),
    output: { dir: `packages/${pkg}/dist`, format: 'es', sourcemap: true },
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

export default [
  // @statuskit/model: browsers (through the client) and Node (the feed).
  libraryModule('model'),
  // @statuskit/client: browsers (directly or through the elements) and Node; for bundlers.
  libraryModule('client'),
  // @statuskit/feed: the Node server and its `statuskit-feed` command.
  libraryModule('feed', ['src/index.ts', 'src/cli.ts']),
];
