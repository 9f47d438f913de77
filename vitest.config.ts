import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source ("genio-source" in their exports), not to a build.
const sourceConditions = ['genio-source', ...defaultServerConditions];

export default defineConfig({
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['packages/web/test/global-setup.ts'],
    reporters: ['default'],
  },
});
