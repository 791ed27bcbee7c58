import { redactSecrets } from '@q2google/core';
import type { CliContext, OutputMode } from '../context.js';
import { createStyle, type Style } from './style.js';

/**
 * Everything the CLI prints goes through here, scrubbed of every known secret. Human text goes
 * to stdout (to stderr with `--json`, where stdout carries only NDJSON); problems go to stderr.
 */
export interface Printer {
  readonly mode: OutputMode;
  readonly style: Style;
  /** Informational text; silent with `--quiet`. */
  line(text?: string): void;
  /** A result a script or person needs (summaries, tables); printed even with `--quiet`. */
  result(text?: string): void;
  /** One NDJSON record on stdout (only with `--json`). */
  json(value: unknown): void;
  /** A warning on stderr. */
  warn(text: string): void;
  /** An error line on stderr. */
  error(text: string): void;
  /** Detail shown only with `--verbose`, on stderr. */
  debug(text: string): void;
  /** Raw text for live progress frames on stderr (never scrubbed of layout, only of secrets). */
  frame(text: string): void;
  /** Adds values that must never be printed (tokens read at run time, passwords typed). */
  addSecrets(...secrets: (string | undefined | null)[]): void;
  /** `text` with every known secret masked. */
  scrub(text: string): string;
}

/** A printer over the context's streams. */
export function createPrinter(
  ctx: Pick<CliContext, 'stdout' | 'stderr'>,
  mode: OutputMode,
  secrets: readonly (string | undefined | null)[] = [],
): Printer {
  const known = new Set<string>();
  const addSecrets = (...values: (string | undefined | null)[]) => {
    for (const value of values) if (value && value.length >= 4) known.add(value);
  };
  addSecrets(...secrets);
  const scrub = (text: string) => redactSecrets(text, [...known]);
  const human = mode.json ? ctx.stderr : ctx.stdout;
  return {
    mode,
    style: createStyle(mode.color),
    line: (text = '') => {
      if (!mode.quiet) human.write(`${scrub(text)}\n`);
    },
    result: (text = '') => {
      if (!mode.json) ctx.stdout.write(`${scrub(text)}\n`);
      else if (!mode.quiet) ctx.stderr.write(`${scrub(text)}\n`);
    },
    json: (value) => {
      if (mode.json) ctx.stdout.write(`${scrub(JSON.stringify(value))}\n`);
    },
    warn: (text) => ctx.stderr.write(`${scrub(text)}\n`),
    error: (text) => ctx.stderr.write(`${scrub(text)}\n`),
    debug: (text) => {
      if (mode.verbose) ctx.stderr.write(`${scrub(text)}\n`);
    },
    frame: (text) => ctx.stderr.write(scrub(text)),
    addSecrets,
    scrub,
  };
}
