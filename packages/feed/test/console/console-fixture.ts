// A stand-in for the built console (index.html and console.js), for the feed's own tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/feed.js';

export const INDEX_HTML = '<!doctype html><html lang="en"><title>Console</title></html>\n';
export const CONSOLE_JS = 'export const console = 1;\n';

/** A temp dir shaped like `@statuskit/console`'s dist. */
export async function consoleDist(): Promise<string> {
  const dir = await tempDir('statuskit-console-dist-');
  await writeFile(join(dir, 'index.html'), INDEX_HTML);
  await writeFile(join(dir, 'console.js'), CONSOLE_JS);
  await writeFile(join(dir, 'console.css'), 'body { margin: 0; }\n');
  await mkdir(join(dir, 'chunks'));
  await writeFile(join(dir, 'chunks', 'part.js'), 'export {};\n');
  return dir;
}

/** The `name=value` of a Set-Cookie header, for sending back as `Cookie`. */
export function cookieOf(setCookie: string | string[] | undefined): string {
  const line = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (line ?? '').split(';')[0] ?? '';
}

/** A clock the test moves by hand. */
export function handClock(start = Date.now()): { now: () => Date; advance(ms: number): void } {
  let at = start;
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}
