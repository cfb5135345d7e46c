import { defineProject } from 'vitest/config';

// End-to-end tests of the demo: the real feed and the demo pages in Debian's Chromium, driven by
// playwright-core. They need the build (`npm test` builds first).
export default defineProject({
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // After the other projects, so Chromium does not compete with their timing-sensitive tests.
    sequence: { groupOrder: 1 },
  },
});
