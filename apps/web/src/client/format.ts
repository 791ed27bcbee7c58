/** Formatting helpers for the views. */

/** `1.2 MB`, `950 kB`, `12 B`. */
export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let n = value;
  let unit = 0;
  while (n >= 1000 && unit < units.length - 1) {
    n /= 1000;
    unit += 1;
  }
  return `${n >= 100 || unit === 0 ? Math.round(n) : n.toFixed(1)} ${units[unit]}`;
}

/** A date-time in the reader's locale. */
export function when(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The day part of an instant, `2025-07-14`. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Percent text of a 0..1 share. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
