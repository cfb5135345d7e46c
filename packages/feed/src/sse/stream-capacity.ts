/**
 * The default number of streams one process takes, from its open-file limit: every stream is a
 * socket, and a process out of descriptors can no longer accept anything (not `status.json`,
 * not an admin write, not its own journal). 90 % of the soft limit, less a fixed reserve, leaves
 * the rest for those.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Descriptors kept back for listeners, the journal, stdio and a store's connections. */
export const RESERVED_FILES = 64;
/** When the limit cannot be read (Windows) or is unlimited. */
export const MAX_STREAMS_WITHOUT_LIMIT = 10_000;

/** `maxStreams` when none is given: see the module comment. */
export function defaultMaxStreams(openFileLimit: number | undefined): number {
  if (openFileLimit === undefined) return MAX_STREAMS_WITHOUT_LIMIT;
  return Math.max(1, Math.floor(openFileLimit * 0.9) - RESERVED_FILES);
}

/**
 * This process's soft limit on open files (`ulimit -n`), or `undefined` when it cannot be read
 * or is unlimited. Node raises its soft limit to the hard one at start, so this is read from the
 * process itself, not assumed.
 */
export async function openFileLimit(): Promise<number | undefined> {
  if (process.platform === 'linux') {
    try {
      const limits = await readFile('/proc/self/limits', 'utf8');
      const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
      return wholeNumber(soft);
    } catch {
      // No procfs (a sandbox): ask the shell below.
    }
  }
  if (process.platform === 'win32') return undefined;
  return new Promise((resolve) => {
    // The shell inherits this process's limits.
    execFile('sh', ['-c', 'ulimit -n'], { timeout: 5_000 }, (error, stdout) => {
      resolve(error ? undefined : wholeNumber(stdout.trim()));
    });
  });
}

function wholeNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && /^\d+$/.test(text) && value > 0 ? value : undefined;
}
