// The demo's data dir, as `npm start` handles it: the sentence it prints when another demo holds
// the data, and `--reset`, which must never pull the data from under a running demo.
import { constants } from 'node:fs';
import { open, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The one sentence for an error that says another process holds `dataDir` (the feed's
 * DataDirInUseError), or undefined for any other error.
 */
export function dataInUseSentence(error, dataDir) {
  if (error?.name !== 'DataDirInUseError') return undefined;
  const who = Number.isSafeInteger(error.holder) ? ` (process ${error.holder})` : '';
  return (
    `The demo's data in ${dataDir} is in use by another npm start${who}: stop that one first, ` +
    'or run a second demo with its own data: npm start -- --data <another folder>'
  );
}

/**
 * Empties `dataDir` for a fresh demo while holding its lock the way the feed does (flock), so a
 * running demo is refused, not robbed. The lock file itself stays (see the feed's data-dir-lock).
 */
export async function resetDemoData(dataDir) {
  let names;
  try {
    names = await readdir(dataDir);
  } catch (error) {
    if (error?.code === 'ENOENT') return;
    throw error;
  }
  const lockFile = path.join(dataDir, 'statuskit.lock');
  const handle = await open(lockFile, constants.O_RDWR | constants.O_CREAT, 0o644);
  try {
    const { flockSync } = createRequire(
      new URL('../../packages/feed/package.json', import.meta.url),
    )('fs-ext');
    try {
      flockSync(handle.fd, 'exnb');
    } catch (error) {
      if (error?.code !== 'EAGAIN' && error?.code !== 'EWOULDBLOCK') throw error;
      const { buffer } = await handle.read(Buffer.alloc(32), 0, 32, 0);
      const holder = Number(buffer.toString('utf8').replace(/\0/g, '').trim());
      throw Object.assign(new Error(`${dataDir} is in use`), {
        name: 'DataDirInUseError',
        holder: holder > 0 ? holder : undefined,
      });
    }
    for (const name of names) {
      if (name !== 'statuskit.lock')
        await rm(path.join(dataDir, name), { recursive: true, force: true });
    }
  } finally {
    await handle.close();
  }
}
