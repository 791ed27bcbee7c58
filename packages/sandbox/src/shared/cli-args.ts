import { parseArgs } from 'node:util';

/** Parses an emulator command's `--name value` options and `--flag` switches, strictly. */
export function parseEmulatorArgs<S extends string, B extends string = never>(
  argv: string[],
  strings: readonly S[],
  booleans: readonly B[] = [],
): { [K in S]?: string } & { [K in B]?: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of strings) options[name] = { type: 'string' };
  for (const name of booleans) options[name] = { type: 'boolean' };
  return parseArgs({ args: argv, options, strict: true }).values as never;
}

/** A non-negative whole-number option, or undefined when it was not given. */
export function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a non-negative integer`);
  return n;
}
