// Shared by the examples' smoke tests: build an example the way its README says, serve it against
// the real feed with the demo catalogue, and open it in Debian's Chromium.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, launchChromium, startTestDemo } from '../../demo/test/helpers.js';
import type { DemoRun } from '../../demo/test/helpers.js';

export { EID_OUTAGE, EID_RESOLVED } from '../../demo/test/helpers.js';
import { serveExample } from '../serve.mjs';
import type { Example } from '../serve.mjs';

export const examplesDir = new URL('..', import.meta.url).pathname;

export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; never rejects on a non-zero exit (the caller asserts the code). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { ...options, timeout: 60_000 }, (error, stdout, stderr) => {
      // No exit code: it could not be started, or was killed (the timeout).
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${command} did not finish: ${error.message}`));
        return;
      }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** `npm run <script>` in an example's folder, as its README says; throws with the output if it fails. */
export async function npmRun(example: Example, script: string): Promise<string> {
  const done = await runCommand('npm', ['run', '--silent', script], {
    cwd: join(examplesDir, example),
  });
  if (done.code !== 0) {
    throw new Error(
      `npm run ${script} in examples/${example} failed:\n${done.stdout}${done.stderr}`,
    );
  }
  return done.stdout;
}

/** Builds an example afresh into its (git-ignored) dist/ with its own `npm run build`. */
export async function buildExample(example: Example): Promise<void> {
  await rm(join(examplesDir, example, 'dist'), { recursive: true, force: true });
  await npmRun(example, 'build');
}

export interface ExampleRun {
  /** The real feed (and the demo site, unused here) with an empty journal. */
  readonly run: DemoRun;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught errors and console errors (a CSP or Trusted Types violation is one). */
  readonly errors: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/**
 * The feed on a free port, `example` served on another with its pages pointing at that feed
 * (serve.mjs replaces the `npm start` feed URL written in them), and the page open in Chromium.
 */
export async function openExample(example: Example): Promise<ExampleRun> {
  const run = await startTestDemo();
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    const served = await serveExample({ example, feed: `${run.demo.feedUrl}/v1` });
    server = served.server;
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const pageErrors = collectPageErrors(page);
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(served.url);
    const open = server;
    const chromium = browser;
    return {
      run,
      browser: chromium,
      page,
      get errors() {
        return [...pageErrors.map((error) => `page: ${error.message}`), ...errors];
      },
      requests,
      async stop() {
        await chromium.close();
        open.closeAllConnections();
        await new Promise((resolve) => open.close(resolve));
        await run.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    server?.close();
    await run.stop();
    throw error;
  }
}

/**
 * The text of the first match (through open shadow roots), or '' when there is none. Does not
 * wait for a match, so an element going away while it is read cannot stall a poll.
 */
export async function shownText(page: Page, selector: string): Promise<string> {
  const [first = ''] = await page.locator(selector).allInnerTexts();
  return first;
}
