/** `q2google-web [--demo] [--port 8787] [--host 127.0.0.1 [--allow-host NAME]…] [--state URI]`: starts the dashboard. */
import { parseArgs } from 'node:util';
import { isQ2gError } from '@q2google/core';
import { parseAllowHosts } from './server/bind-hosts.js';
import { startWebServer } from './server/start-server.js';

const USAGE = `Usage: q2google-web [--demo] [--port 8787] [--host 127.0.0.1] [--allow-host <name>]… [--state <uri>]

Starts the q2google dashboard and prints a link with a one-time access token.
  --demo         run against the sandbox emulators (no real accounts needed)
  --port <n>     port to listen on (default 8787; 0 picks a free one)
  --host <addr>  address to bind (default 127.0.0.1; anything else is reachable from elsewhere
                 and is refused unless --allow-host is given)
  --allow-host <name>
                 a host name or address the dashboard is opened by (repeatable or
                 comma-separated); only these Host headers are answered
  --state <uri>  state backend (else Q2G_STATE_URI, .env, or the default JSON folder)
Settings come from Q2G_* variables and .env, as for the q2google command.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-host': { type: 'string', multiple: true },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, got "${values.port}".`);
  }
  const server = await startWebServer({
    host: values.host,
    allowHosts: parseAllowHosts(values['allow-host']),
    port,
    demo: values.demo,
    config: { flags: values.state ? { stateUri: values.state } : {} },
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping: cancelling runs and saving…\n');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = isQ2gError(error)
    ? error.userMessage
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`q2google-web: ${message}\n`);
  process.exit(1);
});
