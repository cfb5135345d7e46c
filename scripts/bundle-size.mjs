#!/usr/bin/env node
// Gzip sizes of @statuskit/elements as users download it, printed by the build (rollup plugin
// `bundleSizeReport`) or on demand: `node scripts/bundle-size.mjs`.
//
// - statuskit.js (script tag): the entry alone is what a quiet page loads; with the rendering
//   chunk and the default language it is everything a page with a notice loads. Other languages
//   are separate chunks, fetched only by pages in those languages.
// - Per-element modules (bundlers): each `define` module bundled with what it needs from this
//   package, lit, i18next and @statuskit/* left out (a bundler shares those).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const elements = join(root, 'packages/elements');

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Budget of the script-tag bundle (entry, rendering code, default language), gzip. */
export const BUDGET_BYTES = 30 * 1024;
/** Aim for a quiet page with only a banner, gzip. */
export const QUIET_AIM_BYTES = 8 * 1024;

function isLanguageChunk(name) {
  return /(^|\/)(da|sv|fi|nb|nn|is)-[\w-]+\.js$/.test(name);
}

/** Prints the sizes of the script-tag build from `{ fileName: code }`. */
export function reportScriptTag(files, entry = 'statuskit.js') {
  const sizes = Object.fromEntries(Object.entries(files).map(([name, code]) => [name, gzip(code)]));
  // A quiet page loads the entry and what it imports statically, nothing else.
  const quiet = new Set([entry]);
  for (const name of quiet) {
    const code = String(files[name] ?? '');
    const base = name.slice(0, name.lastIndexOf('/') + 1);
    for (const [, path] of code.matchAll(
      /(?:^|[;}])\s*import\s*(?:[^'"]*?from\s*)?["']\.\/([^"']+)["']/g,
    )) {
      const resolved = new URL(path, `file:///${base}`).pathname.slice(1);
      if (resolved in files) quiet.add(resolved);
    }
  }
  const entrySize = [...quiet].reduce((sum, name) => sum + (sizes[name] ?? 0), 0);
  const languages = Object.keys(sizes).filter(isLanguageChunk);
  const total = Object.entries(sizes)
    .filter(([name]) => !isLanguageChunk(name))
    .reduce((sum, [, size]) => sum + size, 0);
  console.log('\n@statuskit/elements script-tag bundle (gzip -9):');
  for (const [name, size] of Object.entries(sizes).sort()) {
    console.log(`  ${name.padEnd(44)} ${kb(size).padStart(9)}`);
  }
  console.log(
    `  quiet page (entry + static imports, aim ${kb(QUIET_AIM_BYTES)}):`.padEnd(47) +
      kb(entrySize).padStart(9),
  );
  console.log(
    `  everything but other languages (budget ${kb(BUDGET_BYTES)}):`.padEnd(47) +
      kb(total).padStart(9) +
      (total > BUDGET_BYTES ? '  OVER BUDGET' : ''),
  );
  if (languages.length > 0) {
    console.log(
      `  each other language on demand: ${languages.map((n) => kb(sizes[n])).join(', ')}`,
    );
  }
  return { entry: entrySize, total, sizes };
}

/** Prints the size of each element's `define` module for bundlers (needs esbuild). */
export async function reportModules() {
  const { build } = await import('esbuild');
  console.log(
    '\n@statuskit/elements per-element modules (minified, gzip -9, lit/i18next/@statuskit/* external):',
  );
  for (const name of ['banner', 'dependencies', 'alternatives', 'maintenance', 'availability']) {
    const result = await build({
      entryPoints: [join(elements, `src/${name}/define.ts`)],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      // Languages other than English load on demand: not part of an element's weight.
      external: [
        'lit',
        'lit/*',
        'i18next',
        '@statuskit/*',
        ...['da', 'sv', 'fi', 'nb', 'nn', 'is'].map((code) => `./locales/${code}.js`),
      ],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? '';
    console.log(`  ${`${name}/define.js`.padEnd(44)} ${kb(gzip(code)).padStart(9)}`);
  }
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
  const dist = join(elements, 'dist');
  const files = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.js')) files[relative(dist, path)] = readFileSync(path);
    }
  };
  walk(join(dist, 'statuskit-chunks'));
  files['statuskit.js'] = readFileSync(join(dist, 'statuskit.js'));
  reportScriptTag(files);
  await reportModules();
}
