import { defineProject } from 'vitest/config';

// Smoke tests of the examples: each is built as its README says, served against the real feed
// with the demo catalogue, and opened in Debian's Chromium (playwright-core). They need the build
// (`npm test` builds first).
export default defineProject({
  test: {
    name: 'examples',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One file at a time: each builds an example and runs a Chromium, on machines with 2 cores.
    fileParallelism: false,
    // After the other projects and the demo's e2e tests (group 1), so Chromium does not compete
    // with their timing-sensitive tests. A group of its own: vitest refuses projects with
    // different worker counts in one group.
    sequence: { groupOrder: 2 },
  },
});
