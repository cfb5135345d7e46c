import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT_MODULES = fileURLToPath(new URL('../../../../node_modules', import.meta.url));

/**
 * Bundles lock-child.ts with the store's TypeScript sources into one script a plain `node` can
 * run, so the lock tests race real stores in real processes without a build first.
 */
export async function bundleLockChild(): Promise<string> {
  const outfile = path.join(
    await mkdtemp(path.join(tmpdir(), 'statuskit-lock-child-')),
    'child.mjs',
  );
  await build({
    entryPoints: [fileURLToPath(new URL('./lock-child.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['statuskit-source'],
    // A native addon: loaded at run time from the repository's node_modules (NODE_PATH below).
    external: ['fs-ext'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

export type LockOutcome =
  | { readonly kind: 'won'; readonly pid: number; readonly revisions: number[] }
  | { readonly kind: 'refused'; readonly message: string };

/** One lock-child process; `ready` resolves once it waits for `go()`. */
export class LockChild {
  readonly process: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly outcome: Promise<LockOutcome>;
  readonly exited: Promise<number | null>;

  constructor(script: string, dataDir: string) {
    this.process = spawn(process.execPath, [script, dataDir], {
      env: { ...process.env, NODE_PATH: ROOT_MODULES },
    });
    let stderr = '';
    this.process.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines: string[] = [];
    const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
    let buffered = '';
    this.process.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.test(line))) waiter.resolve(line);
      }
    });
    this.exited = new Promise((resolve) =>
      this.process.once('exit', (code) => {
        resolve(code);
      }),
    );
    const lineMatching = (test: (line: string) => boolean): Promise<string> =>
      new Promise((resolve, reject) => {
        const seen = lines.find(test);
        if (seen !== undefined) resolve(seen);
        else waiters.push({ test, resolve });
        void this.exited.then(() => {
          reject(new Error(`lock child exited before answering: ${stderr}`));
        });
      });
    this.ready = lineMatching((line) => line === 'ready').then(() => undefined);
    this.outcome = lineMatching((line) => /^(won|refused) /.test(line)).then((line) => {
      if (line.startsWith('refused ')) return { kind: 'refused', message: line.slice(8) };
      const [pid = 0, ...revisions] = line.slice(4).split(' ').map(Number);
      return { kind: 'won', pid, revisions };
    });
  }

  go(): void {
    this.process.stdin.write('go\n');
  }

  /** Lets a winner close its store and exit. */
  release(): Promise<number | null> {
    this.process.stdin.end();
    return this.exited;
  }

  kill(): Promise<number | null> {
    this.process.kill('SIGKILL');
    return this.exited;
  }
}
