// The weight of each element's ES module as an app's bundler adds it: the element's own code
// bundled and minified, with lit, i18next and @statuskit/* left out (the app shares those) and
// languages other than English left out (they load on demand).
import { join } from 'node:path';
import { build } from 'esbuild';
import { brotli, gzip } from './compressed.mjs';

const elements = new URL('../../packages/elements/', import.meta.url).pathname;
export const ELEMENTS = ['banner', 'dependencies', 'alternatives', 'maintenance', 'availability'];

/** `{ 'banner/define.js': { bytes, gzip, brotli }, … }`, from the sources. */
export async function weighElementModules() {
  const sizes = {};
  for (const name of ELEMENTS) {
    const result = await build({
      entryPoints: [join(elements, `src/${name}/define.ts`)],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      external: [
        'lit',
        'lit/*',
        'i18next',
        '@statuskit/*',
        ...['da', 'sv', 'fi', 'nb', 'nn', 'is'].map((code) => `./locales/${code}.js`),
      ],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    sizes[`${name}/define.js`] = { bytes: code.length, gzip: gzip(code), brotli: brotli(code) };
  }
  return sizes;
}
