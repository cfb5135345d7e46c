// `npm start` (scripts/start.mjs) run twice on one data folder: the second says so in one
// sentence. Real processes on free ports; no browser. Needs the build, like the other demo tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const START = new URL('../../scripts/start.mjs', import.meta.url).pathname;
const running: ChildProcessWithoutNullStreams[] = [];
let dataDir = '';

afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function npmStart(...args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(
    process.execPath,
    [START, '--no-build', '--data', dataDir, '--port', '0', '--feed-port', '0', ...args],
    { stdio: 'pipe' },
  );
  running.push(child);
  return child;
}

/** Everything a run printed, once it exits. */
function finished(child: ChildProcessWithoutNullStreams): Promise<{
  code: number | null;
  stdout: string;
  stderr: string;
}> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    }),
  );
}

function demoRunning(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Statuskit demo is running.')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => {
      reject(new Error(`the first demo exited:\n${output}`));
    });
  });
}

describe('npm start on data another npm start is using', () => {
  it('says so in one sentence, naming the process and how to run a second demo', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'statuskit-demo-twice-'));
    const first = npmStart();
    await demoRunning(first);
    const sentence =
      `The demo's data in ${dataDir} is in use by another npm start (process ${first.pid}): ` +
      'stop that one first, or run a second demo with its own data: npm start -- --data <another folder>\n';

    const second = await finished(npmStart());
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(sentence);

    // --reset must not pull the data from under the running demo either.
    const reset = await finished(npmStart('--reset'));
    expect(reset.code).toBe(1);
    expect(reset.stderr).toBe(sentence);
    await expect(access(join(dataDir, '.seeded'))).resolves.toBeUndefined();
  });
});
