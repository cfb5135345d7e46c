import { defineProject } from 'vitest/config';

// The console's tests: unit tests of its modules, and end-to-end tests that start the real feed
// with --console and drive Debian's Chromium with playwright-core (they need the build).
export default defineProject({
  resolve: { conditions: ['statuskit-source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['statuskit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'console',
    include: ['test/**/*.test.ts'],
    // Component tests in test/browser run in the browser under web-test-runner (mocha), not here.
    exclude: ['test/browser/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // With the other browser tests, after the timing-sensitive ones.
    sequence: { groupOrder: 1 },
  },
});
