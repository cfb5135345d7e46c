import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * What a page with one element loads besides the script-tag entry: the element's `define` module
 * with everything it imports statically, bundled and minified as a bundler would. Like the banner,
 * the other four render a service view: none may pull the model's code, the document client or
 * i18next (issue #15: the all-elements page budget).
 */
async function defineBundle(entry: string): Promise<{ inputs: string[]; gzip: number }> {
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

const ELEMENTS = [
  'dependencies/define.ts',
  'alternatives/define.ts',
  'maintenance/define.ts',
  'availability/define.ts',
  'define-all.ts',
] as const;

describe('the elements from service views', () => {
  for (const entry of ELEMENTS) {
    it(`${entry} bundles without the model, the document client or i18next`, async () => {
      const { inputs, gzip } = await defineBundle(entry);
      expect(inputs.filter((input) => input.includes('packages/model/'))).toEqual([]);
      expect(
        inputs.filter((input) => /packages\/client\/src\/(feed-client|index)\.ts/.test(input)),
      ).toEqual([]);
      expect(inputs.filter((input) => input.includes('node_modules/i18next/'))).toEqual([]);
      expect(inputs.some((input) => input.includes('packages/client/src/view/'))).toBe(true);
      // Shown for the record (the page budgets are checked by `npm test` on the real build).
      console.info(`${entry}: ${(gzip / 1024).toFixed(1)} KB gzip, ${inputs.length} modules`);
    });
  }
});
