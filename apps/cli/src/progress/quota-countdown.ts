import type { CliContext } from '../context.js';
import { formatDuration } from '../output/format.js';
import type { Printer } from '../output/printer.js';

/** How often the countdown is redrawn on a TTY. */
export const COUNTDOWN_REFRESH_MS = 1_000;
/** How often a heartbeat line is printed off a TTY. */
export const HEARTBEAT_MS = 60_000;

/** The line that says when Google's daily quota resets and how long that is from `now`. */
export function renderQuotaWait(until: number, now: number): string {
  const left = formatDuration(Math.max(0, until - now));
  return `waiting for Google's daily quota to reset at ${new Date(until).toISOString()} (in ${left})`;
}

/**
 * Shows a wait for the daily quota's reset the way the output mode asks: on a TTY a countdown
 * redrawn in place; otherwise a heartbeat line now and once a minute; with `--json` one
 * `quota-wait` record; with `--quiet` nothing. Returns the function that ends it.
 */
export function showQuotaCountdown(
  ctx: Pick<CliContext, 'stderr' | 'clock'>,
  printer: Printer,
  until: number,
): () => void {
  const { mode } = printer;
  if (mode.json) {
    printer.json({ type: 'quota-wait', resumeAt: new Date(until).toISOString() });
    return () => {};
  }
  if (mode.quiet) return () => {};
  const line = () => renderQuotaWait(until, ctx.clock.now());
  if (!ctx.stderr.isTTY) {
    const beat = () => printer.frame(`${line()}\n`);
    beat();
    return ctx.clock.every(HEARTBEAT_MS, beat);
  }
  let drawn = false;
  const clear = () => {
    if (drawn) printer.frame('\u001b[1A\u001b[0J');
    drawn = false;
  };
  const draw = () => {
    clear();
    printer.frame(`${printer.style.dim(line())}\n`);
    drawn = true;
  };
  draw();
  const cancel = ctx.clock.every(COUNTDOWN_REFRESH_MS, draw);
  return () => {
    cancel();
    clear();
  };
}
