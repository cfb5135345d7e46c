// `npm start` (scripts/start.mjs): it prints where the operators' console is and the demo tokens,
// and the console answers there; run twice on one data folder, the second says so in one
// sentence. Real processes on free ports; no browser. Needs the build, like the other demo tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
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

/** Resolves with what the demo printed up to its summary's last line, once it is running. */
function demoRunning(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve(output);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => {
      reject(new Error(`the first demo exited:\n${output}`));
    });
  });
}

describe('npm start', () => {
  it('prints the console URL, which answers with the console, and the token of each authority, which signs in', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'statuskit-demo-console-'));
    const printed = await demoRunning(npmStart());
    const consoleUrl = /Operator console:\s+(\S+)/.exec(printed)?.[1] ?? '';
    const feedUrl = /Feed:\s+(\S+)\/v1/.exec(printed)?.[1] ?? '';
    expect(consoleUrl).toBe(`${feedUrl}/console/`);

    const response = await fetch(consoleUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<statuskit-console>');

    const { tokens } = JSON.parse(
      await readFile(new URL('../demo-tokens.json', import.meta.url), 'utf8'),
    ) as { tokens: Record<string, string> };
    for (const [authority, token] of Object.entries(tokens)) {
      expect(printed).toMatch(new RegExp(`\\b${authority}\\b.*: +${token}\\n`));
    }

    // A printed token signs in, as the console's sign-in screen sends it.
    const signIn = await fetch(`${feedUrl}/v1/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: feedUrl },
      body: JSON.stringify({ token: tokens['skat'] }),
    });
    expect(signIn.status).toBe(201);
    expect(((await signIn.json()) as { authority: string }).authority).toBe('skat');
  });
});

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
