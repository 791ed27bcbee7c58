import type { FlagOption } from './args/config-flags.js';
import type { CliContext } from './context.js';
import type { Outcome } from './outcome.js';
import type { Printer } from './output/printer.js';
import type { CliLoadedConfig } from './wiring/cli-settings.js';

/** The parsed command line of one command. */
export interface CommandArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** What a command's `run` receives. */
export interface CommandInput {
  ctx: CliContext;
  printer: Printer;
  args: CommandArgs;
  /** Loads (once) and validates settings: flags, then Q2G_* variables, then .env, then defaults. */
  config(): CliLoadedConfig;
}

/** One `q2google` command. */
export interface CommandSpec {
  /** `sync`, or `auth google` for a sub-command. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The synopsis, e.g. `sync --from DATE --to DATE [--session ID]`. */
  usage: string;
  /** More lines of help. */
  details?: string[];
  /** Flags of this command (global flags are added by the entry). */
  options?: Record<string, FlagOption>;
  /** How many positional arguments it takes. */
  positionals?: { min: number; max: number; names: string };
  /** Runs the command; throws a `Q2gError` for anything the entry should report. */
  run(input: CommandInput): Promise<Outcome>;
}
