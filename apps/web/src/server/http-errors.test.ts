import { ERROR_CODES, Q2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { statusOf } from './http-errors.js';

describe('statusOf', () => {
  it('maps error codes to HTTP statuses by their category', () => {
    expect(statusOf(new Q2gError('CONFIG_INVALID', 'x'))).toBe(400);
    expect(statusOf(new Q2gError('STATE_INVALID', 'x'))).toBe(400);
    expect(statusOf(new Q2gError('GOPRO_AUTH_FAILED', 'x'))).toBe(422);
    expect(statusOf(new Q2gError('GPHOTOS_SCOPE_MISSING', 'x'))).toBe(422);
    expect(statusOf(new Q2gError('SYNC_SESSION_MISMATCH', 'x'))).toBe(409);
    expect(statusOf(new Q2gError('BACKEND_LOCKED', 'x'))).toBe(423);
    expect(statusOf(new Q2gError('BACKEND_UNAVAILABLE', 'x'))).toBe(503);
    expect(statusOf(new Q2gError('GPHOTOS_NETWORK', 'x'))).toBe(503);
    expect(statusOf(new Q2gError('GPHOTOS_QUOTA_EXHAUSTED', 'x'))).toBe(500);
    expect(statusOf(new Q2gError('STATE_CORRUPT', 'x'))).toBe(500);
  });

  it('gives every error code an error status, and anything else 500', () => {
    for (const code of ERROR_CODES) {
      expect(statusOf(new Q2gError(code, 'x')), code).toBeGreaterThanOrEqual(400);
    }
    expect(statusOf(new Error('plain'))).toBe(500);
  });
});
