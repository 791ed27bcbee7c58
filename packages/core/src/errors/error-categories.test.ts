import { describe, expect, it } from 'vitest';
import {
  ERROR_CATEGORIES,
  ERROR_CODE_CATEGORIES,
  errorCategory,
  isDailyQuotaStop,
} from './error-categories.js';
import { ERROR_CODES } from './error-codes.js';

describe('the error table', () => {
  it('classifies every error code, and nothing else', () => {
    expect(Object.keys(ERROR_CODE_CATEGORIES).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      expect(ERROR_CATEGORIES, code).toContain(errorCategory(code));
    }
  });

  it('uses every category for at least one code', () => {
    const used = new Set(Object.values(ERROR_CODE_CATEGORIES));
    expect(ERROR_CATEGORIES.filter((category) => !used.has(category))).toEqual([]);
  });

  it('treats a string that is no q2google code as internal', () => {
    expect(errorCategory('NOT_A_CODE')).toBe('internal');
    expect(errorCategory('toString')).toBe('internal');
  });

  it('treats the sink’s daily quota and the daily request budget as the same kind of stop', () => {
    const stops = ERROR_CODES.filter((code) => isDailyQuotaStop(code)).sort();
    expect(stops).toEqual(['GPHOTOS_QUOTA_EXHAUSTED', 'SYNC_DAILY_BUDGET_REACHED']);
    expect([isDailyQuotaStop(undefined), isDailyQuotaStop('NOT_A_CODE')]).toEqual([false, false]);
  });
});
