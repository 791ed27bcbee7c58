import packageJson from '../package.json' with { type: 'json' };
import type { CommandSpec } from './command.js';
import { EXIT_CODES } from './exit-codes.js';
import { formatTable } from './output/format.js';

/** This CLI's version. */
export const CLI_VERSION: string = packageJson.version;

const EXIT_CODE_HELP: Record<keyof typeof EXIT_CODES, string> = {
  success: 'done',
  error: 'unexpected error',
  usage: 'bad usage or configuration',
  partial: 'finished, but some units failed (q2google retry ID)',
  auth: 'a login is missing or expired (q2google auth …)',
  quota: "Google Photos' daily quota is used up (resume later)",
  backend: 'the state backend is unavailable, locked or unreadable',
  interrupted: 'interrupted by Ctrl-C; state saved (q2google resume ID)',
};

/** `q2google --help`: the commands, the shared flags, the exit codes. */
export function generalHelp(commands: readonly CommandSpec[]): string {
  return [
    'q2google — copy your GoPro cloud media into Google Photos, resumably.',
    '',
    'Usage: q2google <command> [flags]',
    '',
    'Commands:',
    ...formatTable(commands.map((c) => [`  ${c.name}`, c.summary])),
    '',
    'Flags for every command:',
    '  --json            print the engine events / results as NDJSON on stdout',
    '  --quiet, -q       only results and errors',
    '  --verbose, -v     more detail, and the causes of errors',
    '  --no-color        no colour (also off when NO_COLOR is set or output is not a terminal)',
    '  --state URI       where sessions are kept (a folder, postgres://…, mongodb://…)',
    '  --plugin NAME     a state-backend plugin package (repeatable)',
    '  --concurrency N   transfers at once (1–32)',
    '  Every setting also has a flag (--gopro-api-url, --google-token-file, …) and a Q2G_*',
    '  variable; flags win over variables, which win over .env, which wins over defaults.',
    '',
    'Exit codes:',
    ...formatTable(
      (Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]).map((key) => [
        `  ${EXIT_CODES[key]}`,
        EXIT_CODE_HELP[key],
      ]),
    ),
    '',
    'Run `q2google <command> --help` for a command, or `q2google demo` to try it with no account.',
  ].join('\n');
}

/** `q2google <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  return [`Usage: q2google ${spec.usage}`, '', spec.summary, ...(spec.details ?? [])].join('\n');
}
