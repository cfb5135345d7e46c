import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * What a page with one element loads besides the script-tag entry: the element's `define` module
 * (`entry`, relative to `src/`) with everything it imports statically, bundled and minified as a
 * bundler would; other languages load only when asked for. The modules it holds, and its gzip size.
 */
export async function defineBundle(entry: string): Promise<{ inputs: string[]; gzip: number }> {
  const result = await build({
    entryPoints: { entry: new URL(`../src/${entry}`, import.meta.url).pathname },
    bundle: true,
    splitting: true,
    outdir: '/statuskit-bundle-test',
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    platform: 'browser',
    conditions: ['statuskit-source', 'production'],
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const { path, kind } of outputs[file]?.imports ?? []) {
      if (kind === 'import-statement') visit(path);
    }
  };
  const first = Object.keys(outputs).find((file) => outputs[file]?.entryPoint !== undefined);
  if (first !== undefined) visit(first);
  let gzip = 0;
  const inputs = new Set<string>();
  for (const file of result.outputFiles) {
    const name = Object.keys(outputs).find(
      (output) => output.split('/').at(-1) === file.path.split('/').at(-1),
    );
    if (name === undefined || !loaded.has(name)) continue;
    gzip += gzipSync(file.contents, { level: 9 }).length;
    for (const input of Object.keys(outputs[name]?.inputs ?? {})) inputs.add(input);
  }
  return { inputs: [...inputs], gzip };
}

/** The modules of `inputs` that a view-rendering element must not hold. */
export function documentCode(inputs: readonly string[]): string[] {
  return inputs.filter(
    (input) =>
      input.includes('packages/model/') ||
      /packages\/client\/src\/(feed-client|index)\.ts/.test(input) ||
      input.includes('node_modules/i18next/'),
  );
}
