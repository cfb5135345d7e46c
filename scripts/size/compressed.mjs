// Compressed sizes as CDNs serve them: gzip at level 9, brotli at quality 11.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const gzip = (code) => gzipSync(code, { level: 9 }).length;

export const brotli = (code) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
