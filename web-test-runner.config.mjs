// Browser tests: @web/test-runner in Debian's Chromium (never a downloaded browser).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { feedCommandsPlugin } from './scripts/wtr/feed-commands-plugin.mjs';
import { jsonSummaryReporter } from './scripts/wtr/json-summary-reporter.mjs';
import { pageCommandsPlugin } from './scripts/wtr/page-commands-plugin.mjs';

export default {
  files: ['packages/*/test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['statuskit-source', 'browser', 'import', 'default'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10_000 } },
  testsFinishTimeout: 300_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    feedCommandsPlugin(),
    pageCommandsPlugin(),
  ],
  reporters: [defaultReporter(), jsonSummaryReporter('test-results/wtr.json')],
};
