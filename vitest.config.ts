import { defineConfig } from 'vitest/config';

// Each package has its own vitest project; workspace packages resolve to their TypeScript sources
// through the `statuskit-source` export condition, so tests never need a build first.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'scripts/vitest.config.ts',
      'demo/vitest.config.ts',
      'examples/vitest.config.ts',
    ],
  },
});
