#!/usr/bin/env node
// Weight: what Statuskit adds to a page, in bytes.
//
// - gzip -9 and brotli (quality 11) of the script-tag build (`statuskit.js` and its chunks) and
//   of each element's ES module for bundlers (bundled with this package's own code; lit, i18next
//   and @statuskit/* left to the app's bundler);
// - how much of the script-tag bundle is lit, i18next, eventsource-parser and our own code (each
//   dependency minified alone with what we import from it; our code is the rest);
// - the bytes a quiet page (one banner, nothing to show) really transfers, measured by Chromium
//   over HTTP with gzip (scripts/bench/page-impact.mjs).
//
//   node scripts/bench/weight.mjs [--quick] [--no-browser]
//
// Reads the build (`npm run build` first). Prints figures and merges them into
// bench/results.json under `weight`. The CI budget is size-budget.json, checked by
// scripts/check-size-budget.mjs.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { formatTable, root, saveResults, staleSources } from './results.mjs';
import { readScriptTag, weighScriptTag } from '../size/script-tag-weight.mjs';
import { brotli, gzip, kb } from '../size/compressed.mjs';
import { weighElementModules } from '../size/element-modules.mjs';

const dist = join(root, 'packages/elements/dist');

/** What the script-tag bundle takes from each dependency (the imports in our sources). */
const DEPENDENCIES = {
  i18next: "export { createInstance } from 'i18next';",
  lit: "export { LitElement, html, svg, css, nothing } from 'lit';",
  'eventsource-parser': "export { createParser } from 'eventsource-parser';",
};

/** Each dependency minified alone, as the bundle includes it. */
async function dependencies() {
  const sizes = {};
  for (const [name, source] of Object.entries(DEPENDENCIES)) {
    const result = await build({
      stdin: { contents: source, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    sizes[name] = { bytes: code.length, gzip: gzip(code), brotli: brotli(code) };
  }
  return sizes;
}

/** The quiet page in Chromium, or why it was not measured. */
async function quietTransfer(useBrowser) {
  if (!useBrowser) return { skipped: '--no-browser' };
  try {
    const { quietPageTransfer } = await import('./page-impact.mjs');
    return await quietPageTransfer();
  } catch (error) {
    return { skipped: String(error instanceof Error ? error.message : error) };
  }
}

function warnIfStale() {
  const entry = join(dist, 'statuskit.js');
  if (!existsSync(entry)) {
    console.error('weight: packages/elements/dist/statuskit.js is missing; run `npm run build`.');
    process.exit(1);
  }
  if (staleSources(entry, ['elements', 'client', 'model']).length > 0)
    console.warn('weight: sources are newer than the build; run `npm run build`.\n');
}

export async function run({ quick = false, browser = true } = {}) {
  warnIfStale();
  const tag = weighScriptTag(readScriptTag(dist));
  const deps = await dependencies();
  const modules = await weighElementModules();
  const ownGzip = tag.notice.gzip - Object.values(deps).reduce((sum, d) => sum + d.gzip, 0);
  const ownBrotli = tag.notice.brotli - Object.values(deps).reduce((sum, d) => sum + d.brotli, 0);
  const transfer = await quietTransfer(browser);

  console.log('Script-tag bundle (packages/elements/dist), minified:');
  console.log(
    formatTable([
      ['file', 'bytes', 'gzip -9', 'brotli 11'],
      ...tag.files.map((row) => [
        relative(dist, join(dist, row.name)),
        row.bytes,
        kb(row.gzip),
        kb(row.brotli),
      ]),
      ['quiet page: entry + its static imports', '', kb(tag.quiet.gzip), kb(tag.quiet.brotli)],
      [
        'page with a notice: all but other languages',
        '',
        kb(tag.notice.gzip),
        kb(tag.notice.brotli),
      ],
    ]),
  );
  console.log('\nOf the page with a notice (each dependency minified alone):');
  console.log(
    formatTable([
      ['part', 'gzip -9', 'brotli 11', 'share (gzip)'],
      ...Object.entries(deps).map(([name, d]) => [
        name,
        kb(d.gzip),
        kb(d.brotli),
        `${Math.round((100 * d.gzip) / tag.notice.gzip)} %`,
      ]),
      [
        'our own code (the rest)',
        kb(ownGzip),
        kb(ownBrotli),
        `${Math.round((100 * ownGzip) / tag.notice.gzip)} %`,
      ],
    ]),
  );
  console.log('\nElement ES modules for bundlers (lit, i18next, @statuskit/* external):');
  console.log(
    formatTable([
      ['module', 'bytes', 'gzip -9', 'brotli 11'],
      ...Object.entries(modules).map(([name, m]) => [name, m.bytes, kb(m.gzip), kb(m.brotli)]),
    ]),
  );
  if (transfer.skipped) {
    console.log(`\nQuiet page in Chromium: not measured (${transfer.skipped}).`);
  } else {
    console.log(
      `\nQuiet page in Chromium (gzip over HTTP): ${kb(transfer.jsBytes)} of JavaScript, ` +
        `${kb(transfer.totalBytes)} in all (aim: 8.0 KB of Statuskit).`,
    );
  }
  console.log(
    `\nBudget (size-budget.json): page with a notice ${kb(tag.notice.gzip)} gzip against the ` +
      `${kb(30 * 1024)} target${tag.notice.gzip > 30 * 1024 ? ' — OVER' : ''}; quiet page ` +
      `${kb(tag.quiet.gzip)} against the 8.0 KB aim${tag.quiet.gzip > 8 * 1024 ? ' — OVER' : ''}.`,
  );
  if (quick) console.log('(--quick changes nothing here: sizes are exact.)');

  const result = {
    scriptTag: { files: tag.files, quiet: tag.quiet, notice: tag.notice, languages: tag.languages },
    split: { ...deps, own: { gzip: ownGzip, brotli: ownBrotli } },
    elementModules: modules,
    quietPageTransfer: transfer,
  };
  await saveResults('weight', result);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
    },
  });
  await run({ quick: values.quick, browser: !values['no-browser'] });
}
