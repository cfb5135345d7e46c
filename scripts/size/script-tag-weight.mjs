// The weight of the script-tag build (`statuskit.js` and its chunks), shared by the build's size
// report, the CI size budget and the weight benchmark, so all three count the same bytes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotli, gzip } from './compressed.mjs';

export const ENTRY = 'statuskit.js';

/** Chunks holding one language other than the default: loaded only by pages in it. */
export function isLanguageChunk(name) {
  return /(^|\/)(da|sv|fi|nb|nn|is)-[\w-]+\.js$/.test(name);
}

/** `{ fileName: code }` of a built dist folder: the entry and every chunk. */
export function readScriptTag(dist) {
  const files = { [ENTRY]: readFileSync(join(dist, ENTRY)) };
  const chunks = join(dist, 'statuskit-chunks');
  for (const name of readdirSync(chunks)) {
    if (name.endsWith('.js'))
      files[relative(dist, join(chunks, name))] = readFileSync(join(chunks, name));
  }
  return files;
}

/** The entry and the chunks it imports statically (what runs before anything renders). */
function staticClosure(files, entry) {
  const closure = new Set([entry]);
  for (const name of closure) {
    const code = String(files[name] ?? '');
    const base = name.slice(0, name.lastIndexOf('/') + 1);
    for (const [, path] of code.matchAll(
      /(?:^|[;}])\s*import\s*(?:[^'"]*?from\s*)?["']\.\/([^"']+)["']/g,
    )) {
      const resolved = new URL(path, `file:///${base}`).pathname.slice(1);
      if (resolved in files) closure.add(resolved);
    }
  }
  return closure;
}

function sum(rows) {
  return rows.reduce(
    (total, row) => ({
      bytes: total.bytes + row.bytes,
      gzip: total.gzip + row.gzip,
      brotli: total.brotli + row.brotli,
    }),
    { bytes: 0, gzip: 0, brotli: 0 },
  );
}

/**
 * Sizes per file, and the sums that matter: `quiet` (the entry and its static imports, all a
 * page without a notice runs), `notice` (everything but the other languages: a page with a
 * notice in the default language) and `languages` (each other language, on demand).
 */
export function weighScriptTag(files, entry = ENTRY) {
  const rows = Object.entries(files)
    .map(([name, code]) => {
      const bytes = typeof code === 'string' ? Buffer.from(code) : code;
      return { name, bytes: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const quietNames = staticClosure(files, entry);
  return {
    files: rows,
    quiet: sum(rows.filter((row) => quietNames.has(row.name))),
    notice: sum(rows.filter((row) => !isLanguageChunk(row.name))),
    languages: rows.filter((row) => isLanguageChunk(row.name)),
  };
}
