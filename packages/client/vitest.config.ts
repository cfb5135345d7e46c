import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `statuskit-source` export condition).
  resolve: { conditions: ['statuskit-source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['statuskit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'client',
    include: ['test/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
