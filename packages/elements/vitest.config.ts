import { defineProject } from 'vitest/config';

export default defineProject({
  // Workspace packages resolve to their TypeScript sources (the `statuskit-source` export condition).
  resolve: { conditions: ['statuskit-source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['statuskit-source', 'node', 'import', 'default'] } },
  test: {
    name: 'elements',
    include: ['test/*.test.ts'],
  },
});
