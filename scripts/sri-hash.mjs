#!/usr/bin/env node
// Subresource Integrity hashes (https://www.w3.org/TR/SRI/) for CDN users of the script-tag
// bundle: `node scripts/sri-hash.mjs packages/elements/dist/statuskit.js` prints `sha384-…`.
// The rollup build prints the same through `sriReport()`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `sha384-<base64>` of some bytes. */
export function sriHash(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * Rollup plugin: after writing, prints the SRI hash of the entry `file`, and writes
 * `<entry>.integrity.json`: an import map (`{ "integrity": { url: hash } }`) that also covers the
 * lazily loaded chunks, for pages that want every module verified (`<script type="importmap">`).
 */
export function sriReport({ file }) {
  return {
    name: 'statuskit-sri-report',
    writeBundle(options, bundle) {
      const integrity = {};
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') integrity[`./${fileName}`] = sriHash(output.code);
      }
      const mapFile = join(options.dir, file.replace(/\.js$/, '.integrity.json'));
      writeFileSync(mapFile, `${JSON.stringify({ integrity }, null, 2)}\n`);
      const hash = integrity[`./${file}`];
      console.log(`\n${file} SRI: ${hash}`);
      console.log(
        `  <script type="module" src="https://cdn.example/…/${file}" integrity="${hash}" crossorigin="anonymous" data-feed="…"></script>`,
      );
      console.log(`  Hashes of every chunk, as an import map: ${mapFile}`);
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node scripts/sri-hash.mjs <file> [file …]');
    process.exit(2);
  }
  for (const file of files) console.log(`${sriHash(readFileSync(file))}  ${file}`);
}
