import { defineProject } from 'vitest/config';

// Tests of the repository's own scripts: what `npm test` and CI do before any package is tested.
export default defineProject({
  test: {
    name: 'scripts',
    include: ['test/**/*.test.ts'],
  },
});
