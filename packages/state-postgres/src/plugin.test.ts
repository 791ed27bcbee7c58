import { STATE_PLUGIN_API_VERSION, StateBackendPluginSchema } from '@q2google/core';
import { buildSession } from '@q2google/state-conformance';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import defaultExport, { postgresStatePlugin, splitPlacement } from './index.js';
import {
  dropTables,
  postgresTestUrl,
  randomTestNamespace,
} from './test-support/postgres-test-env.js';

describe('the @q2google/state-postgres plugin object', () => {
  test('is a valid plugin for postgres: and postgresql:, also as the default export', () => {
    expect(StateBackendPluginSchema.safeParse(postgresStatePlugin).success).toBe(true);
    expect(defaultExport).toBe(postgresStatePlugin);
    expect(postgresStatePlugin).toMatchObject({
      name: '@q2google/state-postgres',
      apiVersion: STATE_PLUGIN_API_VERSION,
      schemes: ['postgres', 'postgresql'],
    });
  });

  test('schema and tablePrefix query parameters are taken off the URI before connecting', () => {
    expect(
      splitPlacement('postgres://u:p@h/db?schema=sync&sslmode=require&tablePrefix=app_'),
    ).toEqual({
      uri: 'postgres://u:p@h/db?sslmode=require',
      schema: 'sync',
      tablePrefix: 'app_',
    });
    expect(splitPlacement('postgres://h/db')).toEqual({ uri: 'postgres://h/db' });
  });

  test('a client that is not a pool gives CONFIG_INVALID', async () => {
    await expect(
      postgresStatePlugin.create('postgres://h/db', { cwd: '/', client: { nope: true } }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

const url = await postgresTestUrl();

describe.skipIf(!url)('the plugin with a database', () => {
  const pool = new pg.Pool({ connectionString: url });
  const prefixes: string[] = [];
  afterAll(async () => {
    await dropTables(pool, prefixes);
    await pool.end();
  });

  test('uses an injected pool and a namespace, and leaves the pool open on close', async () => {
    const namespace = randomTestNamespace();
    const backend = await postgresStatePlugin.create('postgres://ignored/x', {
      cwd: '/',
      client: pool,
      namespace,
    });
    prefixes.push(backend.tables.prefix);
    const state = buildSession({ items: 2 });
    await backend.save(state);
    await backend.close();
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${backend.tables.items}`);
    expect(rows[0].n).toBe(2);
  });

  test('opens its own pool from the URI with tablePrefix', async () => {
    const prefix = `${randomTestNamespace()}_`;
    const backend = await postgresStatePlugin.create(`${url}?tablePrefix=${prefix}`, { cwd: '/' });
    prefixes.push(prefix);
    expect(backend.tables.prefix).toBe(prefix);
    const state = buildSession({ items: 1 });
    await backend.save(state);
    expect(await backend.load(state.id)).toStrictEqual(state);
    await backend.close();
  });
});
