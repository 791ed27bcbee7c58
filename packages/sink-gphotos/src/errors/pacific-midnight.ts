const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Offset of Pacific time from UTC at `ms`, in ms (negative: -7 h or -8 h). */
function pacificOffset(ms: number): number {
  const parts = Object.fromEntries(
    PARTS.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]),
  );
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The next midnight in America/Los_Angeles after `now` (when Google's daily quotas reset). */
export function nextPacificMidnight(now: number): Date {
  const offset = pacificOffset(now);
  const local = new Date(now + offset);
  const midnightLocal = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() + 1,
  );
  // The offset may differ at the target instant (DST change that night).
  const guess = midnightLocal - offset;
  return new Date(midnightLocal - pacificOffset(guess));
}
