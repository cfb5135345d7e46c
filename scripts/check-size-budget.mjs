#!/usr/bin/env node
// Checks the built @statuskit/elements against size-budget.json: each limit is one check that
// passes or fails (counted with the tests by scripts/run-tests.mjs); each target is reported
// with how far off it is. Deterministic: sizes of the build, no timing.
//
//   node scripts/check-size-budget.mjs [--report test-results/size-budget.json]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { kb } from './size/compressed.mjs';
import { weighElementModules } from './size/element-modules.mjs';
import { readScriptTag, weighScriptTag } from './size/script-tag-weight.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { report: { type: 'string' } } });
const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));

let weight;
try {
  weight = weighScriptTag(readScriptTag(join(root, 'packages/elements/dist')));
} catch (error) {
  console.error(`size budget: cannot read the build (${error.message}); run \`npm run build\`.`);
  process.exit(1);
}
const modules = await weighElementModules();

/** `[label, gzip bytes, { limit, target?, aim? }]` */
const checks = [
  ['script tag, quiet page', weight.quiet.gzip, budget.scriptTag.quiet],
  [
    'script tag, page with a notice, <status-banner> only',
    weight.banner?.gzip ?? Number.POSITIVE_INFINITY,
    budget.scriptTag.banner,
  ],
  [
    'script tag, page with all five elements and a notice',
    weight.notice.gzip,
    budget.scriptTag.notice,
  ],
  ...weight.languages.map((row) => [
    `script tag, language chunk ${row.name.replace(/^.*\/|-[\w-]+\.js$/g, '')}`,
    row.gzip,
    budget.scriptTag.eachLanguage,
  ]),
  ...Object.entries(budget.elementModules.limits).map(([name, limit]) => [
    `element module ${name}`,
    modules[name]?.gzip ?? Number.POSITIVE_INFINITY,
    { limit },
  ]),
];

let passed = 0;
let failed = 0;
console.log('\nSize budget (gzip -9, size-budget.json):');
const goal = (name, value, size) =>
  value === undefined
    ? ''
    : size <= value
      ? `; ${name} ${kb(value)} met`
      : `; ${name} ${kb(value)} NOT MET (${kb(size - value)} over)`;
for (const [label, size, { limit, target, aim }] of checks) {
  const ok = size <= limit;
  if (ok) passed += 1;
  else failed += 1;
  const notes = goal('target', target, size) + goal('aim', aim, size);
  console.log(`  ${ok ? '✓' : '✗'} ${label}: ${kb(size)}, limit ${kb(limit)}${notes}`);
}
console.log(`size budget: ${passed} passed, ${failed} failed`);

if (values.report) {
  const file = join(root, values.report);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ passed, failed }));
}
process.exit(failed > 0 ? 1 : 0);
