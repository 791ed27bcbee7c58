#!/usr/bin/env node
/**
 * `q2google-sandbox <emulator> [options]`: runs one emulator in the foreground until
 * interrupted. Each emulator registers one entry in COMMANDS.
 */
import { GOPRO_USAGE, runGoProCommand } from './gopro/cli-command.js';
import { GPHOTOS_USAGE, runGooglePhotosCommand } from './gphotos/cli-command.js';

interface SandboxCommand {
  usage: string;
  /** Starts the emulator; resolves to something that can be closed on exit. */
  run(argv: string[]): Promise<{ close(): Promise<void> }>;
}

const COMMANDS: Record<string, SandboxCommand> = {
  gopro: { usage: GOPRO_USAGE, run: (argv) => runGoProCommand(argv) },
  gphotos: { usage: GPHOTOS_USAGE, run: (argv) => runGooglePhotosCommand(argv) },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command || rest.includes('--help')) {
    const usages = Object.values(COMMANDS).map((c) => c.usage);
    process.stderr.write(`usage:\n${usages.join('\n')}\n`);
    return command ? 0 : 2;
  }
  const running = await command.run(rest);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`q2google-sandbox: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  },
);
