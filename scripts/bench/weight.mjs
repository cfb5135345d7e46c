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

/** The budgets and aims per page, in bytes of gzip -9 (#15). */
const PAGES = [
  {
    key: 'quiet',
    label: 'quiet page: nothing affects its services',
    budget: 6 * 1024,
    aim: 5 * 1024,
  },
  {
    key: 'banner',
    label: 'page showing a notice with <status-banner> only',
    budget: 32 * 1024,
    aim: 20 * 1024,
  },
  {
    key: 'notice',
    label: 'page using all five elements with a notice',
    budget: 42 * 1024,
    aim: 32 * 1024,
  },
];

/** Which dependencies a page's files hold, told by a marker each leaves in minified code. */
function dependenciesIn(code) {
  return {
    // lit-html's template markers; i18next's name in its logger; the parser is in every page's core.
    lit: code.includes('lit$'),
    i18next: code.includes('i18next'),
    'eventsource-parser': true,
  };
}

/** A page's sum, split into each dependency it holds (minified alone) and our own code. */
function splitPage(files, page, deps) {
  const code = page.names.map((name) => String(files[name] ?? '')).join('\n');
  const present = dependenciesIn(code);
  const split = {};
  let gzipOwn = page.gzip;
  let brotliOwn = page.brotli;
  for (const [name, size] of Object.entries(deps)) {
    if (!present[name]) continue;
    split[name] = { gzip: size.gzip, brotli: size.brotli };
    gzipOwn -= size.gzip;
    brotliOwn -= size.brotli;
  }
  split.own = { gzip: gzipOwn, brotli: brotliOwn };
  return split;
}

export async function run({ quick = false, browser = true } = {}) {
  warnIfStale();
  const files = readScriptTag(dist);
  const tag = weighScriptTag(files);
  const deps = await dependencies();
  const modules = await weighElementModules();
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
    ]),
  );
  const pages = {};
  const rows = [];
  for (const { key, label, budget, aim } of PAGES) {
    const page = tag[key];
    if (page === undefined) continue;
    const split = splitPage(files, page, deps);
    pages[key] = { ...page, split, budget, aim };
    const verdict =
      page.gzip > budget ? 'OVER budget' : page.gzip > aim ? 'within budget' : 'at aim';
    rows.push([label, kb(page.gzip), kb(page.brotli), kb(budget), kb(aim), verdict]);
    for (const [name, part] of Object.entries(split)) {
      rows.push([
        `  of which ${name === 'own' ? 'our own code (the rest)' : name}`,
        kb(part.gzip),
        kb(part.brotli),
        '',
        '',
        `${Math.round((100 * part.gzip) / page.gzip)} %`,
      ]);
    }
  }
  console.log(
    '\nWhat each page loads (default language; each dependency minified alone, gzip is not additive):',
  );
  console.log(formatTable([['page', 'gzip -9', 'brotli 11', 'budget', 'aim', ''], ...rows]));
  console.log(
    `\ni18next in the browser: ${Object.values(pages).some((page) => page.split.i18next) ? 'loaded' : 'not loaded by any page'} (alone it is ${kb(deps.i18next.gzip)} gzip; the feed renders the sentences with it).`,
  );
  console.log('\nEach other language, on demand:');
  console.log(
    formatTable([['chunk', 'gzip -9'], ...tag.languages.map((row) => [row.name, kb(row.gzip)])]),
  );
  console.log('\nElement ES modules for bundlers (lit and @statuskit/* external):');
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
        `${kb(transfer.totalBytes)} in all.`,
    );
  }
  if (quick) console.log('(--quick changes nothing here: sizes are exact.)');

  const result = {
    scriptTag: { files: tag.files, languages: tag.languages },
    pages,
    dependencies: deps,
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
