import { Q2gError } from '@q2google/core';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A `--from`/`--to` value as an ISO instant. A bare date (`2025-06-01`) is a whole UTC day: the
 * start of it for `from`, its last millisecond for `to`. A full ISO instant is taken as is.
 */
export function parseDateFlag(value: string, end: 'from' | 'to'): string {
  const text = value.trim();
  const day = DAY.exec(text);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    // Date.UTC rolls 2025-02-30 over to March; a real calendar day maps back to itself.
    if (new Date(start).toISOString().slice(0, 10) === text) {
      return new Date(end === 'from' ? start : start + 86_400_000 - 1).toISOString();
    }
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) {
    return new Date(Date.parse(text)).toISOString();
  }
  throw new Q2gError('CONFIG_INVALID', `--${end} "${value}" is not a date.`, {
    hint: 'Write dates as YYYY-MM-DD (a whole UTC day) or as an ISO instant such as 2025-06-01T08:00:00Z.',
  });
}

/** The capture-date range of `--from` and `--to`, checked to be in order. */
export function parseRange(from: string, to: string): { from: string; to: string } {
  const range = { from: parseDateFlag(from, 'from'), to: parseDateFlag(to, 'to') };
  if (Date.parse(range.from) > Date.parse(range.to)) {
    throw new Q2gError('CONFIG_INVALID', `--from ${from} is after --to ${to}.`, {
      hint: 'Swap them: --from is the earliest capture date, --to the latest.',
    });
  }
  return range;
}

/** The session id a range gets when `--session` is not given, so re-running resumes it. */
export function defaultSessionId(range: { from: string; to: string }): string {
  const day = (iso: string) => iso.slice(0, 10);
  return `gopro-${day(range.from)}-to-${day(range.to)}`;
}
