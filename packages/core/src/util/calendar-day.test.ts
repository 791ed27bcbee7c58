import { describe, expect, it } from 'vitest';
import { calendarDay, nextMidnight } from './calendar-day.js';

const LA = 'America/Los_Angeles';

describe('calendar days in a time zone', () => {
  it('names the date of an instant in the zone, not in UTC', () => {
    expect(calendarDay(Date.parse('2026-01-16T07:59:00Z'), LA)).toBe('2026-01-15');
    expect(calendarDay(Date.parse('2026-01-16T08:00:00Z'), LA)).toBe('2026-01-16');
    expect(calendarDay(Date.parse('2026-01-16T07:59:00Z'), 'UTC')).toBe('2026-01-16');
  });

  it('finds the next midnight in standard and daylight time and across a DST change', () => {
    const at = (iso: string) => nextMidnight(Date.parse(iso), LA).toISOString();
    expect(at('2026-01-15T20:00:00Z')).toBe('2026-01-16T08:00:00.000Z');
    expect(at('2026-07-01T12:00:00Z')).toBe('2026-07-02T07:00:00.000Z');
    // 8 March 2026: clocks go forward at 02:00; that day's next midnight is in PDT.
    expect(at('2026-03-08T12:00:00Z')).toBe('2026-03-09T07:00:00.000Z');
    // One minute before midnight: the next midnight is a minute away.
    expect(at('2026-01-16T07:59:00Z')).toBe('2026-01-16T08:00:00.000Z');
    // Exactly at midnight: the following one.
    expect(at('2026-01-16T08:00:00Z')).toBe('2026-01-17T08:00:00.000Z');
  });
});
