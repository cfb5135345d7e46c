import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * What a page with `<status-banner>` alone loads besides the script-tag entry: the banner's
 * `define` module with everything it imports, bundled and minified as a bundler would. The banner
 * must not pull the model's code, the document client, i18next or the other four elements.
 */
async function bannerBundle(): Promise<{ inputs: string[]; gzip: number }> {
  const result = await build({
    entryPoints: { banner: new URL('../src/banner/define.ts', import.meta.url).pathname },
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
  // The entry and the chunks it imports statically: other languages load only when asked for.
  const outputs = result.metafile.outputs;
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const { path, kind } of outputs[file]?.imports ?? []) {
      if (kind === 'import-statement') visit(path);
    }
  };
  const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint !== undefined);
  if (entry !== undefined) visit(entry);
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

describe('the banner alone', () => {
  it('bundles without the model, the document client, i18next or the other elements', async () => {
    const { inputs, gzip } = await bannerBundle();
    expect(inputs.filter((input) => input.includes('packages/model/'))).toEqual([]);
    expect(
      inputs.filter((input) => /packages\/client\/src\/(feed-client|index)\.ts/.test(input)),
    ).toEqual([]);
    expect(inputs.filter((input) => input.includes('node_modules/i18next/'))).toEqual([]);
    expect(
      inputs.filter((input) =>
        /src\/(dependencies|alternatives|maintenance|availability)\//.test(input),
      ),
    ).toEqual([]);
    expect(inputs.some((input) => input.includes('node_modules/lit-html/'))).toBe(true);
    // Shown for the record (the page budgets are checked by `npm test` on the real build).
    console.info(
      `banner define bundle: ${(gzip / 1024).toFixed(1)} KB gzip, ${inputs.length} modules`,
    );
  });
});
