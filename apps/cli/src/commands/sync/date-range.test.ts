import { describe, expect, it } from 'vitest';
import { defaultSessionId, parseDateFlag, parseRange } from './date-range.js';

describe('--from and --to', () => {
  it('reads a bare date as a whole UTC day', () => {
    expect(parseRange('2025-06-01', '2025-06-30')).toEqual({
      from: '2025-06-01T00:00:00.000Z',
      to: '2025-06-30T23:59:59.999Z',
    });
  });

  it('takes ISO instants as they are, in UTC', () => {
    expect(parseDateFlag('2025-06-01T10:00:00+02:00', 'from')).toBe('2025-06-01T08:00:00.000Z');
  });

  it('rejects impossible dates and reversed ranges', () => {
    expect(() => parseDateFlag('2025-02-30', 'from')).toThrow('is not a date');
    expect(() => parseDateFlag('yesterday', 'to')).toThrow('--to "yesterday" is not a date');
    expect(() => parseRange('2025-06-02', '2025-06-01')).toThrow('is after --to');
  });

  it('names a session after its range so the same command resumes it', () => {
    expect(defaultSessionId(parseRange('2025-06-01', '2025-06-30'))).toBe(
      'gopro-2025-06-01-to-2025-06-30',
    );
  });
});
