/**
 * The real CLI given hostile dates, state URIs, session ids and flag values: each ends with a
 * one-line message and a documented exit code (2 usage, 6 backend) — never exit 1 (an
 * unexpected error), never a stack trace — and writes nothing outside the project folder.
 */
import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { startWorld, type World } from '@q2google/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from '../support/cli.js';

let world: World;
beforeAll(async () => {
  assertCliBuilt();
  world = await startWorld({ gopro: { library: { fixtures: false, extra: 2 } } });
});
afterAll(() => world?.close());

const junk = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\u0000')),
  fc.constantFrom(
    '2024-02-30',
    '2024-13-01',
    '99999-01-01',
    '-1',
    '1e309',
    'NaN',
    '../../../../tmp/q2g-escape',
    '%00',
    '2024-01-01T25:00:00Z',
    '--help=no',
  ),
);
const badUri = fc.constantFrom(
  'postgres://u:hunter2@127.0.0.1:1/db',
  'mongodb://u:hunter2@127.0.0.1:1/db?serverSelectionTimeoutMS=300',
  'ftp://example.com/x',
  'postgres://',
  'mongodb://%zz',
  'unknownscheme:whatever',
  'file:///proc/self/../../nope/\u0007',
);

/** One hostile command line. */
const commandLine = fc.oneof(
  fc.tuple(junk, junk).map(([from, to]) => ['sync', '--from', from, '--to', to, '--dry-run']),
  junk.map((id) => ['sync', '--from', '2024-01-01', '--to', '2024-02-01', '--session', id]),
  junk.map((n) => ['sync', '--from', '2024-01-01', '--to', '2024-02-01', '--concurrency', n]),
  badUri.map((uri) => ['status', 'x', '--state', uri]),
  junk.map((flag) => ['sync', `--${flag.replace(/^-+/, '')}`, 'x']),
  junk.map((command) => [command]),
);

describe('hostile command lines', () => {
  it('end in a documented exit code with a message, never a crash or a stray write', async () => {
    const before = new Set(await readdir(dirname(world.projectDir)));
    const samples = fc.sample(commandLine, { numRuns: 24, seed: 20_261_128 });
    const exits = new Map<string, number>();
    for (let i = 0; i < samples.length; i += 6) {
      await Promise.all(
        samples.slice(i, i + 6).map(async (args) => {
          const result = await runCli(args, { cwd: world.projectDir, env: world.cliEnv });
          const where = JSON.stringify(args);
          expect(result.code, `${where}\n${result.stderr}`).toBeOneOf([0, 2, 3, 4, 6]);
          expect(result.stderr, where).not.toMatch(/^\s+at /m);
          expect(result.stdout + result.stderr, where).not.toContain('hunter2');
          exits.set(String(result.code), (exits.get(String(result.code)) ?? 0) + 1);
        }),
      );
    }
    const after = await readdir(dirname(world.projectDir));
    const strays = after.filter((name) => !before.has(name) && name.startsWith('q2g-escape'));
    expect(strays).toEqual([]);
    console.info(`[reliability] hostile/cli: exits ${JSON.stringify(Object.fromEntries(exits))}`);
    expect(exits.get('2')).toBeGreaterThan(5);
  }, 120_000);
});
