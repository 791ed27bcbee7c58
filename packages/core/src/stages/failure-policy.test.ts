import { describe, expect, it } from 'vitest';
import { Q2gError } from '../errors/q2g-error.js';
import { stopsRun } from './failure-policy.js';

describe('stopsRun', () => {
  it('stops the run for errors no unit can get past: logins, quota, backend, configuration', () => {
    for (const code of [
      'GPHOTOS_QUOTA_EXHAUSTED',
      'GOPRO_AUTH_EXPIRED',
      'CONFIG_INVALID',
    ] as const) {
      expect(stopsRun(new Q2gError(code, 'x')), code).toBe(true);
    }
  });

  it('fails only the unit for errors about that unit', () => {
    expect(stopsRun(new Q2gError('GOPRO_NOT_FOUND', 'gone'))).toBe(false);
    expect(stopsRun(new Error('plain'))).toBe(false);
  });
});
