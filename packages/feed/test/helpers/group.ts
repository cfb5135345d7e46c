import { spawn, type ChildProcess } from 'node:child_process';

export interface LogLine {
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A process that logs JSON lines (a feed, or the primary of a worker group) and its workers. */
export interface LoggingProcess {
  readonly child: ChildProcess;
  readonly lines: LogLine[];
  /** Everything it wrote, for failure messages. */
  readonly output: () => string;
  /** Resolves with the first line (already logged or future) that matches; fails after `timeoutMs`. */
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `node …args` and reads its stdout as JSON log lines (workers share that stdout). */
export function startLogging(args: readonly string[]): LoggingProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let output = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      if (line.startsWith('{')) lines.push(JSON.parse(line) as LogLine);
    }
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const wake of waiters) wake();
      resolve(code);
    }),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    child,
    lines,
    output: () => output,
    exited,
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching log line within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const wake = (): void => {
          const found = lines.find(predicate);
          if (!found && !gone) return;
          waiters.delete(wake);
          clearTimeout(timer);
          if (found) resolve(found);
          else reject(new Error(`the process exited without that log line:\n${output}`));
        };
        waiters.add(wake);
        wake();
      }),
  };
}
