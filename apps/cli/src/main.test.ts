import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Q2gError } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from './command.js';
import { EXIT_CODES } from './exit-codes.js';
import { main } from './main.js';
import { SUCCESS } from './outcome.js';
import { run, testContext } from './testing/test-context.js';

const throwing = (error: unknown): CommandSpec => ({
  name: 'boom',
  summary: 'fails',
  usage: 'boom',
  run: async () => {
    throw error;
  },
});

describe('the q2google entry', () => {
  it('lists the commands and the exit codes', async () => {
    const ctx = testContext();
    expect(await run(ctx, '--help')).toBe(0);
    for (const name of ['sync', 'resume', 'retry', 'status', 'sessions', 'backends', 'demo']) {
      expect(ctx.out()).toMatch(new RegExp(`\\n  ${name} `));
    }
    expect(ctx.out()).toMatch(/130\s+interrupted by Ctrl-C/);
  });

  it('shows a command’s usage with --help', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'sync --help')).toBe(0);
    expect(ctx.out()).toContain('Usage: q2google sync --from DATE --to DATE');
  });

  it('rejects an unknown command or flag with one line and exit 2', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'frobnicate')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toBe(
      'error: Unknown command "frobnicate". Run `q2google --help` to list commands.\n',
    );
    const flag = testContext();
    expect(await run(flag, 'status --frobnicate')).toBe(EXIT_CODES.usage);
    expect(flag.err()).toMatch(/^error: Unknown option '--frobnicate'.*q2google status --help/);
    const extra = testContext();
    expect(await run(extra, 'resume a b')).toBe(EXIT_CODES.usage);
    expect(extra.err()).toContain('Unexpected argument "b". Usage: q2google resume ID');
  });

  it('names a bad setting as the user wrote it', async () => {
    const ctx = testContext({ env: { Q2G_CONCURRENCY: '99' } });
    expect(await run(ctx, 'sessions')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('error: Q2G_CONCURRENCY is invalid: expected a whole number');
    const flag = testContext({ env: { Q2G_CONCURRENCY: '2' } });
    expect(await run(flag, 'sessions --concurrency 0')).toBe(EXIT_CODES.usage);
    expect(flag.err()).toContain('--concurrency is invalid');
  });

  it('reads settings from .env below variables and flags', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'q2g-cli-'));
    await writeFile(join(cwd, '.env'), 'Q2G_CONCURRENCY=nope\n');
    const ctx = testContext({ cwd });
    expect(await run(ctx, 'sessions')).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain(`Q2G_CONCURRENCY in ${join(cwd, '.env')} is invalid`);
    expect(await run(testContext({ cwd, env: { Q2G_CONCURRENCY: '3' } }), 'sessions')).toBe(0);
  });

  it('prints no stack trace unless --verbose, and the cause chain with it', async () => {
    const error = new Q2gError('BACKEND_UNAVAILABLE', 'The database is down.', {
      hint: 'Start it.',
      cause: new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    });
    const quiet = testContext();
    expect(await main(['boom'], quiet, [throwing(error)])).toBe(EXIT_CODES.backend);
    expect(quiet.err()).toBe('error: The database is down. Start it.\n');
    const verbose = testContext();
    await main(['boom', '--verbose'], verbose, [throwing(error)]);
    expect(verbose.err()).toContain('caused by: Error: connect ECONNREFUSED');
    expect(verbose.err()).toContain('    at ');
    expect(verbose.err().trim().split('\n').at(-1)).toBe('error: The database is down. Start it.');
  });

  it('reports an unexpected error as exit 1 with what to do', async () => {
    const ctx = testContext();
    expect(await main(['boom'], ctx, [throwing(new TypeError('x is undefined'))])).toBe(1);
    expect(ctx.err()).toContain(
      'error: Unexpected error: x is undefined. Run again with --verbose',
    );
  });

  it('never prints a secret, even in --verbose causes', async () => {
    const token = 'gp-secret-token-123456';
    const clientSecret = 'GOCSPX-very-secret';
    const error = new Q2gError('GOPRO_AUTH_FAILED', `GoPro refused ${token}`, {
      cause: new Error(`request with client_secret=${clientSecret} failed`),
    });
    const ctx = testContext({
      env: { Q2G_GOPRO_TOKEN: token, Q2G_GOOGLE_CLIENT_SECRET: clientSecret },
    });
    const spec: CommandSpec = {
      ...throwing(error),
      run: async ({ config }) => {
        config();
        throw error;
      },
    };
    expect(await main(['boom', '--verbose'], ctx, [spec])).toBe(EXIT_CODES.auth);
    expect(ctx.err()).not.toContain(token);
    expect(ctx.err()).not.toContain(clientSecret);
    expect(ctx.err()).toContain('GoPro refused ***');
  });

  it('finds a sub-command and explains a missing one', async () => {
    const sub: CommandSpec = {
      name: 'auth x',
      summary: 's',
      usage: 'auth x',
      run: async () => SUCCESS,
    };
    const ctx = testContext();
    expect(await main(['auth', 'x'], ctx, [sub])).toBe(0);
    expect(await main(['auth'], ctx, [sub])).toBe(EXIT_CODES.usage);
    expect(ctx.err()).toContain('"auth" needs a sub-command. Use one of: q2google auth x.');
  });
});
