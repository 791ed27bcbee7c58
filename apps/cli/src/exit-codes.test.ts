import { ERROR_CODES } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeForError } from './exit-codes.js';

describe('exit codes', () => {
  it('maps error codes to the documented exit codes', () => {
    expect(exitCodeForError('SYNC_ABORTED')).toBe(130);
    expect(exitCodeForError('GPHOTOS_QUOTA_EXHAUSTED')).toBe(EXIT_CODES.quota);
    expect(exitCodeForError('GPHOTOS_AUTH_REQUIRED')).toBe(EXIT_CODES.auth);
    expect(exitCodeForError('GOPRO_AUTH_EXPIRED')).toBe(EXIT_CODES.auth);
    expect(exitCodeForError('CONFIG_INVALID')).toBe(EXIT_CODES.usage);
    expect(exitCodeForError('BACKEND_PACKAGE_MISSING')).toBe(EXIT_CODES.usage);
    expect(exitCodeForError('BACKEND_LOCKED')).toBe(EXIT_CODES.backend);
    expect(exitCodeForError('STATE_CORRUPT')).toBe(EXIT_CODES.backend);
    expect(exitCodeForError('GOPRO_NETWORK')).toBe(EXIT_CODES.error);
    expect(exitCodeForError(undefined)).toBe(EXIT_CODES.error);
  });

  it('gives every error code one of the documented exit codes', () => {
    const documented: number[] = Object.values(EXIT_CODES);
    for (const code of ERROR_CODES) {
      expect(documented, code).toContain(exitCodeForError(code));
      expect(exitCodeForError(code), code).not.toBe(EXIT_CODES.success);
    }
  });

  it('keeps every documented code distinct', () => {
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
