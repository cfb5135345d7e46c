// Access logs for the console's maintenance planning, which can plan from the logs the feed is
// configured with (`console.accessLogs`). The demo has no web server of its own, so it writes
// synthetic ones with scripts/generate-access-log.mjs: the four weeks before today, so the plan is
// about the coming weeks, written once per data folder (`--reset` writes them again).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const GENERATOR = new URL('../../scripts/generate-access-log.mjs', import.meta.url).pathname;
const WEEKS = 4;

/** Each service's log: its own seed and its own known quiet time, so their plans differ. */
const SERVICE_LOGS = {
  'tax-return': { seed: '14', quiet: 'Sun 02-06' },
  'building-permit': { seed: '15', quiet: 'Sat 03-07' },
};

/** The local date (YYYY-MM-DD) in Copenhagen `days` before `now`. */
function copenhagenDateBefore(now, days) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now.getTime() - days * 24 * 3600 * 1000));
}

/**
 * Writes the demo's access logs into `dataDir/access-logs/` unless they are there, and returns
 * `console.accessLogs` for the config: service id → absolute file names.
 */
export async function demoAccessLogs(dataDir, now = new Date()) {
  const dir = path.resolve(dataDir, 'access-logs');
  await mkdir(dir, { recursive: true });
  const start = copenhagenDateBefore(now, WEEKS * 7);
  const write = async ([service, { seed, quiet }]) => {
    const file = path.join(dir, `${service}.log.gz`);
    if (!existsSync(file)) {
      // Written aside and renamed, so a demo stopped halfway never leaves a cut-off log behind.
      const partial = `${file}.partial`;
      await promisify(execFile)(process.execPath, [
        GENERATOR,
        ...['--out', partial, '--gzip', '--size', '12m', '--weeks', String(WEEKS)],
        ...['--start', start, '--seed', seed, '--quiet', quiet],
      ]);
      await rename(partial, file);
    }
    return [service, [file]];
  };
  return Object.fromEntries(await Promise.all(Object.entries(SERVICE_LOGS).map(write)));
}
