import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/error-codes.js';
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

describe('the run-stopping codes', () => {
  it('are exactly those of the cancelled, quota, auth, configuration and live-backend categories', () => {
    const stopping = ERROR_CODES.filter((code) => stopsRun(new Q2gError(code, 'x')));
    expect(stopping.sort()).toEqual(
      [
        'SYNC_ABORTED',
        'GPHOTOS_QUOTA_EXHAUSTED',
        'SYNC_DAILY_BUDGET_REACHED',
        'GPHOTOS_AUTH_REQUIRED',
        'GPHOTOS_SCOPE_MISSING',
        'GOPRO_AUTH_EXPIRED',
        'GOPRO_AUTH_FAILED',
        'BACKEND_UNAVAILABLE',
        'BACKEND_LOCKED',
        'BACKEND_CLOSED',
        'BACKEND_WRITE_FAILED',
        'STATE_LEASE_LOST',
        'CONFIG_INVALID',
      ].sort(),
    );
  });
});
