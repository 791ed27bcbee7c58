/** Colour helpers; every one is the identity when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

/** ANSI colours when `enabled`, plain text otherwise. */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    const same = (text: string) => text;
    return { bold: same, dim: same, green: same, yellow: same, red: same, cyan: same };
  }
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    red: wrap(31, 39),
    cyan: wrap(36, 39),
  };
}

/**
 * Whether to colour output. `--no-color` always wins; then `FORCE_COLOR` (any value but `0` or
 * `false` forces colour even when piped, `0`/`false` turns it off — as Node itself reads it);
 * then `NO_COLOR` (set to any value: no colour); else only on a TTY whose `TERM` is not `dumb`.
 * The same on every OS: Windows terminals (Windows Terminal, conhost since Windows 10) render
 * these ANSI sequences, and a TTY there has no `TERM` at all.
 *
 * @param isTTY - whether the stream is a terminal.
 * @param env - the process environment.
 * @param noColorFlag - whether `--no-color` was given.
 */
export function colorEnabled(
  isTTY: boolean,
  env: Record<string, string | undefined>,
  noColorFlag: boolean,
): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** Removes ANSI escape sequences (for width calculations and tests). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
