import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireBuild, type RunningFeed } from './cli.js';

const SCRIPT = fileURLToPath(new URL('./probing-feed.mjs', import.meta.url));

/**
 * Starts the built feed in a process of its own with `options` (JSON-able `FeedServerOptions`,
 * e.g. `probeTiming`, `redis`), and waits for its "feed listening" line.
 */
export function startProbingFeed(
  configPath: string,
  dataDir: string,
  options: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<RunningFeed> {
  requireBuild();
  const child = spawn(process.execPath, [SCRIPT, configPath, dataDir, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"feed listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], logs: () => output, exited });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      reject(new Error(`feed exited with ${code} before listening:\n${output}`));
    });
  });
}
