/**
 * Secrets never leave where they belong: verbose CLI runs — a successful one with every
 * credential set, and failing ones (a revoked GoPro token, a revoked Google grant, an
 * unreachable database whose URI carries a password) — print no token, client secret or URI
 * password, and none reaches the state. Token files others can read are refused with a message
 * saying how to fix them; token files the CLI writes are 0600.
 */
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ALL_TIME_FLAGS,
  GOOGLE_CLIENT_SECRET,
  startWorld,
  TOKEN_SHAPES,
  type World,
  worldSecrets,
} from '@q2google/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availability } from '../support/backends.js';
import { assertCliBuilt, type CliResult, runCli } from '../support/cli.js';

const DB_PASSWORD = 'Db-Pa55word-never-printed';

let world: World;
let secrets: string[];
let env: Record<string, string>;

beforeAll(async () => {
  assertCliBuilt();
  world = await startWorld({
    gopro: { seed: 51, library: { fixtures: false, extra: 6, mix: { photo: 1 } } },
  });
  const account = world.gopro.account;
  // A password in the state URI: PostgreSQL here trusts local logins, so it is accepted.
  const pg = process.env.Q2G_TEST_POSTGRES_URL;
  const stateUri = pg
    ? `${pg.replace('://postgres@', `://postgres:${DB_PASSWORD}@`)}?tablePrefix=rel_secret_${Date.now() % 1e6}_`
    : world.stateDir;
  env = {
    ...world.cliEnv,
    Q2G_STATE_URI: stateUri,
    Q2G_GOPRO_EMAIL: account.email,
    Q2G_GOPRO_PASSWORD: account.password,
    Q2G_GOPRO_CLIENT_ID: account.clientId,
    Q2G_GOPRO_CLIENT_SECRET: account.clientSecret,
    Q2G_GOOGLE_CLIENT_SECRET: GOOGLE_CLIENT_SECRET,
  };
  secrets = worldSecrets(world, pg ? [DB_PASSWORD] : []);
  if (!pg) availability('postgres');
});
afterAll(() => world?.close());

function expectNoSecrets(text: string, where: string): void {
  for (const secret of secrets)
    expect(text.includes(secret), `${where} leaks a secret`).toBe(false);
  for (const shape of TOKEN_SHAPES) expect(text, `${where} shows a token`).not.toMatch(shape);
}

const output = (run: CliResult) => `${run.stdout}\n${run.stderr}`;

describe('secrets in a verbose run', () => {
  it('appear nowhere in the output of a successful sync, status and doctor, nor in the state', async () => {
    const cli = (args: string[]) => runCli(args, { cwd: world.projectDir, env });
    const sync = await cli(['sync', ...ALL_TIME_FLAGS, '--session', 'secret', '--verbose']);
    expect(sync.code, sync.stderr).toBe(0);
    const json = await cli(['resume', 'secret', '--verbose', '--json']);
    const status = await cli(['status', 'secret', '--verbose']);
    const doctor = await cli(['doctor', '--verbose']);
    for (const [name, run] of Object.entries({ sync, json, status, doctor })) {
      expectNoSecrets(output(run), name);
    }
    const files = (await readdir(world.projectDir, { recursive: true })) as string[];
    for (const name of files.filter((f) => f.startsWith('state') && f.endsWith('.json'))) {
      expectNoSecrets(await readFile(join(world.projectDir, name), 'utf8'), name);
    }
  });

  it('appear nowhere when it fails: revoked logins, an unreachable database', async () => {
    const runs: Record<string, CliResult> = {};
    const sync = (extra: Record<string, string>) =>
      runCli(['sync', ...ALL_TIME_FLAGS, '--session', 'failing', '--verbose'], {
        cwd: world.projectDir,
        env: { ...env, ...extra },
      });
    runs.unreachableDb = await sync({
      Q2G_STATE_URI: `postgres://postgres:${DB_PASSWORD}@127.0.0.1:1/none?connect_timeout=1`,
    });
    world.gopro.revokeTokens();
    runs.revokedGoPro = await sync({ Q2G_GOPRO_EMAIL: '', Q2G_GOPRO_PASSWORD: '' });
    world.google.revokeRefreshTokens();
    runs.revokedGoogle = await sync({});
    for (const [name, run] of Object.entries(runs)) {
      expect(run.code, `${name}: ${run.stderr}`).not.toBe(0);
      expect(run.code, `${name}: ${run.stderr}`).not.toBe(1);
      expectNoSecrets(output(run), name);
    }
  }, 200_000);
});

describe('token files', () => {
  it('are written 0600 by `auth gopro`', async () => {
    const tokenFile = join(world.projectDir, 'gopro-login.json');
    const token = world.gopro.issueAccessToken(null);
    const run = await runCli(['auth', 'gopro', '--token'], {
      cwd: world.projectDir,
      env: { ...world.cliEnv, Q2G_GOPRO_TOKEN: token, Q2G_GOPRO_TOKEN_FILE: tokenFile },
    });
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(output(run)).not.toContain(token);
  });

  it('readable by others are refused with a message saying how to fix it', async () => {
    const googleFile = join(world.projectDir, 'open-google-token.json');
    await writeFile(
      googleFile,
      JSON.stringify({ refresh_token: world.wiring.googleGrant.refresh_token }),
    );
    await chmod(googleFile, 0o644);
    const run = await runCli(['sync', ...ALL_TIME_FLAGS, '--session', 'open-file'], {
      cwd: world.projectDir,
      env: {
        ...world.cliEnv,
        Q2G_GOPRO_TOKEN: world.gopro.issueAccessToken(null),
        Q2G_GOOGLE_TOKEN_FILE: googleFile,
      },
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('readable by other users');
    expect(run.stderr).toContain(`chmod 600 ${googleFile}`);
    expectNoSecrets(output(run), 'refusal');
  });
});
