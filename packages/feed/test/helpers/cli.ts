import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/statuskit-feed.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export function requireBuild(): void {
  if (!existsSync(DIST))
    throw new Error('the CLI tests run the built CLI: run `npm run build` first (npm test does)');
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `statuskit-feed` binary to completion. */
export function runCli(args: readonly string[], stdin?: string): Promise<CliResult> {
  requireBuild();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

export interface RunningFeed {
  readonly child: ChildProcess;
  readonly url: string;
  readonly logs: () => string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `statuskit-feed serve` on a free port and waits for its "feed listening" log line. */
export function serveInChild(
  configPath: string,
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<RunningFeed> {
  requireBuild();
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--config', configPath, '--data', dataDir, '--port', '0', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"msg":"feed listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], logs: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      reject(new Error(`feed exited with ${code} before listening:\n${output}`));
    });
  });
}
