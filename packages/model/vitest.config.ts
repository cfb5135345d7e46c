import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'model',
    include: ['test/**/*.test.ts'],
    // test/browser runs in Chromium under @web/test-runner.
    exclude: ['test/browser/**'],
  },
});
