import { createBackendRegistry } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { run, testContext } from '../../testing/test-context.js';

describe('q2google backends', () => {
  it('lists every scheme, its package, and whether it can be loaded', async () => {
    const ctx = testContext();
    ctx.services.registry = () =>
      createBackendRegistry({
        importModule: async (name) => {
          if (name !== '@q2google/state-json') {
            throw Object.assign(new Error('missing'), {
              name: 'Q2gError',
              code: 'BACKEND_PACKAGE_MISSING',
            });
          }
          return {
            default: { name, apiVersion: 1, schemes: ['file'], create: () => ({}) },
          };
        },
      });
    expect(await run(ctx, 'backends')).toBe(0);
    const out = ctx.out();
    expect(out).toMatch(/file:\s+@q2google\/state-json\s+builtin\s+available/);
    expect(out).toMatch(/postgres:\s+@q2google\/state-postgres\s+builtin\s+not installed/);
    expect(out).toContain('To use @q2google/state-mongo: npm install @q2google/state-mongo');
  });
});
