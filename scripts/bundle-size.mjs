#!/usr/bin/env node
// Gzip sizes of @statuskit/elements as users download it, printed by the build (rollup plugin
// `bundleSizeReport`) or on demand: `node scripts/bundle-size.mjs`. The same figures, with
// brotli and the split by dependency, come from `npm run bench -- weight`; the enforced limits
// are in size-budget.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kb } from './size/compressed.mjs';
import { weighElementModules } from './size/element-modules.mjs';
import { readScriptTag, weighScriptTag } from './size/script-tag-weight.mjs';

const root = new URL('..', import.meta.url).pathname;
const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));

function line(label, bytes, note = '') {
  console.log(`  ${label.padEnd(44)} ${kb(bytes).padStart(9)}${note}`);
}

/** Prints the sizes of the script-tag build from `{ fileName: code }`. */
export function reportScriptTag(files) {
  const weight = weighScriptTag(files);
  const { quiet, banner, notice } = budget.scriptTag;
  console.log('\n@statuskit/elements script-tag bundle (gzip -9):');
  for (const row of weight.files) line(row.name, row.gzip);
  const page = (label, figure, { target }) =>
    line(`${label} (target ${kb(target)})`, figure, figure > target ? '  over the target' : '');
  page('quiet page', weight.quiet.gzip, quiet);
  if (weight.banner) page('banner page with a notice', weight.banner.gzip, banner);
  page('all five elements with a notice', weight.notice.gzip, notice);
  return weight;
}

/** Prints the size of each element's `define` module for bundlers. */
export async function reportModules() {
  console.log(
    '\n@statuskit/elements per-element modules (minified, gzip -9, shared packages external):',
  );
  for (const [name, size] of Object.entries(await weighElementModules())) line(name, size.gzip);
}

/** Rollup plugin for the script-tag build. */
export function bundleSizeReport() {
  return {
    name: 'statuskit-bundle-size',
    async writeBundle(_options, bundle) {
      const files = {};
      for (const [name, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') files[name] = output.code;
      }
      reportScriptTag(files);
      await reportModules();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  reportScriptTag(readScriptTag(join(root, 'packages/elements/dist')));
  await reportModules();
}
