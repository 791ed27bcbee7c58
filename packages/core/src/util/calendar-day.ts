/**
 * Calendar days in a time zone: how daily quotas that reset at a zone's midnight are counted
 * (Google's reset at midnight America/Los_Angeles). Vendor-neutral: the sink names the zone.
 */

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar date holding the instant `ms` in `timeZone`, as `YYYY-MM-DD`. */
export function calendarDay(ms: number, timeZone: string): string {
  return dayFormat(timeZone).format(new Date(ms));
}

/** The first instant of the day after the one holding `ms` in `timeZone` (its next midnight). */
export function nextMidnight(ms: number, timeZone: string): Date {
  const today = calendarDay(ms, timeZone);
  // Step forward by hours until the date changes, then back by minutes to the exact boundary
  // (zone offsets are whole minutes; a DST change shifts the boundary, never skips it).
  let at = ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000) + 3_600_000;
  while (calendarDay(at, timeZone) === today) at += 3_600_000;
  while (calendarDay(at - 60_000, timeZone) !== today) at -= 60_000;
  return new Date(at);
}
