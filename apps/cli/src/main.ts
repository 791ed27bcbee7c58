import { parseArgs } from 'node:util';
import { isQ2gError, Q2gError } from '@q2google/core';
import { configSecrets, loadConfig } from '@q2google/core/config';
import { CONFIG_FLAG_OPTIONS, configFlagsFrom, secretsInEnv } from './args/config-flags.js';
import type { CommandArgs, CommandSpec } from './command.js';
import { COMMANDS } from './commands/index.js';
import type { CliContext, OutputMode } from './context.js';
import { EXIT_CODES, exitCodeForError } from './exit-codes.js';
import { CLI_VERSION, commandHelp, generalHelp } from './help.js';
import type { Outcome } from './outcome.js';
import { describeError } from './output/describe-error.js';
import { createPrinter, type Printer } from './output/printer.js';
import { colorEnabled } from './output/style.js';
import { CLI_SETTINGS, type CliLoadedConfig } from './wiring/cli-settings.js';

/** Flags every command accepts. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...CONFIG_FLAG_OPTIONS,
} as const;

/**
 * Runs one command line and returns the exit code. This is the only place where errors and
 * outcomes become exit codes and last lines.
 */
export async function main(
  argv: readonly string[],
  ctx: CliContext,
  commands: readonly CommandSpec[] = COMMANDS,
): Promise<number> {
  const mode = outputModeOf(argv, ctx);
  const printer = createPrinter(ctx, mode, secretsInEnv(ctx.env));
  try {
    const found = findCommand(argv, commands);
    if (!found) {
      const first = argv[0];
      if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
        printer.result(generalHelp(commands));
        return EXIT_CODES.success;
      }
      if (first === '--version') {
        printer.result(CLI_VERSION);
        return EXIT_CODES.success;
      }
      throw usageError(`Unknown command "${first}".`, 'Run `q2google --help` to list commands.');
    }
    const { spec, rest } = found;
    const args = parseCommandLine(spec, rest);
    if (args.values.help) {
      printer.result(commandHelp(spec));
      return EXIT_CODES.success;
    }
    let loaded: CliLoadedConfig | undefined;
    const config = () => {
      loaded ??= loadConfig({
        settings: CLI_SETTINGS,
        flags: configFlagsFrom(args.values),
        env: ctx.env,
        cwd: ctx.cwd,
        homeDir: ctx.homeDir,
      });
      printer.addSecrets(...configSecrets(CLI_SETTINGS, loaded.config));
      return loaded;
    };
    return finish(await spec.run({ ctx, printer, args, config }), printer);
  } catch (error) {
    return fail(error, printer);
  }
}

function outputModeOf(argv: readonly string[], ctx: CliContext): OutputMode {
  const has = (...flags: string[]) => argv.some((arg) => flags.includes(arg));
  return {
    json: has('--json'),
    quiet: has('--quiet', '-q'),
    verbose: has('--verbose', '-v'),
    color: colorEnabled(ctx.stdout.isTTY, ctx.env, has('--no-color')),
  };
}

/** The command is the first word (and the second, for groups such as `auth google`). */
function findCommand(argv: readonly string[], commands: readonly CommandSpec[]) {
  const words: string[] = [];
  for (const arg of argv.slice(0, 2)) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  for (const length of [2, 1]) {
    if (words.length < length) continue;
    const spec = commands.find((command) => command.name === words.slice(0, length).join(' '));
    if (spec) return { spec, rest: argv.slice(length) };
  }
  const group = commands.filter((command) => command.name.startsWith(`${words[0]} `));
  if (words[0] && group.length > 0) {
    throw usageError(
      words[1] ? `"${words.join(' ')}" is not a command.` : `"${words[0]}" needs a sub-command.`,
      `Use one of: ${group.map((command) => `q2google ${command.name}`).join(', ')}.`,
    );
  }
  return undefined;
}

function parseCommandLine(spec: CommandSpec, rest: string[]): CommandArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...spec.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw usageError(reason, `Run \`q2google ${spec.name} --help\` for its flags.`);
  }
  const { min, max, names } = spec.positionals ?? { min: 0, max: 0, names: '' };
  const count = parsed.positionals.length;
  if (!parsed.values.help && (count < min || count > max)) {
    throw usageError(
      count < min ? `Missing ${names}.` : `Unexpected argument "${parsed.positionals[max]}".`,
      `Usage: q2google ${spec.usage}`,
    );
  }
  return parsed as CommandArgs;
}

function usageError(message: string, hint: string): Q2gError {
  return new Q2gError('CONFIG_INVALID', message, { hint });
}

function finish(outcome: Outcome, printer: Printer): number {
  if (outcome.kind === 'success') return EXIT_CODES.success;
  if (outcome.kind === 'partial') {
    printer.error(outcome.message);
    return EXIT_CODES.partial;
  }
  printer.error(outcome.message);
  return exitCodeForError(outcome.code);
}

function fail(error: unknown, printer: Printer): number {
  const described = describeError(error);
  if (printer.mode.verbose) {
    for (const line of described.details) printer.error(line);
  }
  printer.error(`error: ${described.line}`);
  return exitCodeForError(isQ2gError(error) ? error.code : undefined);
}
