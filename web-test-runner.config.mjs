// Browser tests: @web/test-runner in Debian's Chromium (never a downloaded browser).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { feedCommandsPlugin } from './scripts/wtr/feed-commands-plugin.mjs';
import { jsonSummaryReporter } from './scripts/wtr/json-summary-reporter.mjs';

const chromiumFlags = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default {
  files: ['packages/*/test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['statuskit-source', 'browser', 'import', 'default'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10_000 } },
  testsFinishTimeout: 300_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: chromiumFlags,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    feedCommandsPlugin(),
  ],
  reporters: [defaultReporter(), jsonSummaryReporter('test-results/wtr.json')],
};
