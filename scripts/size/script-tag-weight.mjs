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

/** The sizes of `rows` added up, with the files they are (`names`). */
function sum(rows) {
  return rows.reduce(
    (total, row) => ({
      bytes: total.bytes + row.bytes,
      gzip: total.gzip + row.gzip,
      brotli: total.brotli + row.brotli,
      names: [...total.names, row.name],
    }),
    { bytes: 0, gzip: 0, brotli: 0, names: [] },
  );
}

/** The chunk of an element's rendering code (`banner-….js`, named in rollup.config.mjs). */
const ELEMENT_CHUNK =
  /^statuskit-chunks\/(banner|dependencies|alternatives|maintenance|availability)-[\w-]+\.js$/;
/** The loader's rule for the elements that decide from the whole document. */
const DOCUMENT_RULE = /^statuskit-chunks\/document-demand-[\w-]+\.js$/;

/**
 * Sizes per file, and the sums that matter, each a set of files a page really loads:
 * - `quiet`: the entry and its static imports, all a page without a notice runs;
 * - `banner`: a page showing a notice with `<status-banner>` only, in the default language (the
 *   quiet files and the banner chunk's static imports);
 * - `notice`: a page using all five elements with a notice, in the default language (also each
 *   element's chunk, and the document rule if a build still has one);
 * - `languages`: each other language, loaded on demand.
 */
export function weighScriptTag(files, entry = ENTRY) {
  const rows = Object.entries(files)
    .map(([name, code]) => {
      const bytes = typeof code === 'string' ? Buffer.from(code) : code;
      return { name, bytes: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const quietNames = staticClosure(files, entry);
  const page = (...starts) => {
    const names = new Set(quietNames);
    for (const start of starts) for (const name of staticClosure(files, start)) names.add(name);
    return sum(rows.filter((row) => names.has(row.name)));
  };
  const names = Object.keys(files);
  const banner = names.find((name) => /^statuskit-chunks\/banner-/.test(name));
  return {
    files: rows,
    quiet: sum(rows.filter((row) => quietNames.has(row.name))),
    banner: banner === undefined ? undefined : page(banner),
    notice: page(...names.filter((name) => ELEMENT_CHUNK.test(name) || DOCUMENT_RULE.test(name))),
    languages: rows.filter((row) => isLanguageChunk(row.name)),
  };
}
