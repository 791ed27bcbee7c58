import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { classifyConnectionError } from './errors.js';
import { createPostgresBackend } from './postgres-backend.js';
import { postgresTestUrl } from './test-support/postgres-test-env.js';

const PASSWORD = 'Sup3r-secret-pw';
const everything = (error: unknown) =>
  `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 6 })}`;

describe('PostgreSQL connection failures', () => {
  test('a URI that is not PostgreSQL gives BACKEND_INVALID_URI, redacted', async () => {
    for (const uri of [
      `mysql://root:${PASSWORD}@db/x`,
      `postgres://u:${PASSWORD}@[bad`,
      'not a uri',
    ]) {
      const error = await createPostgresBackend({ connectionString: uri }).catch((e: unknown) => e);
      expect(error, uri).toMatchObject({ name: 'Q2gError', code: 'BACKEND_INVALID_URI' });
      expect(everything(error)).not.toContain(PASSWORD);
    }
  });

  test('neither a URI nor a pool gives CONFIG_INVALID', async () => {
    await expect(createPostgresBackend({})).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  test('refused logins are not retryable; network failures and server shutdowns are', () => {
    expect(classifyConnectionError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      'retryable',
    );
    expect(classifyConnectionError(Object.assign(new Error('x'), { code: '57P01' }))).toBe(
      'retryable',
    );
    expect(classifyConnectionError(Object.assign(new Error('x'), { code: '08006' }))).toBe(
      'retryable',
    );
    expect(
      classifyConnectionError(
        new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]),
      ),
    ).toBe('retryable');
    const idleClientDied = new Error(
      'Client has encountered a connection error and is not queryable',
    );
    expect(classifyConnectionError(idleClientDied)).toBe('retryable');
    expect(classifyConnectionError(Object.assign(new Error('x'), { code: '28P01' }))).toBe('fatal');
    expect(
      classifyConnectionError(Object.assign(new Error('x'), { code: '23505' })),
    ).toBeUndefined();
  });
});

const url = await postgresTestUrl();

describe.skipIf(!url)('PostgreSQL login failures', () => {
  test('an unknown user gives BACKEND_UNAVAILABLE that is not retryable, password redacted', async () => {
    const target = new URL(url!);
    target.username = 'q2g_no_such_user';
    target.password = PASSWORD;
    const error = await createPostgresBackend({ connectionString: target.toString() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      name: 'Q2gError',
      code: 'BACKEND_UNAVAILABLE',
      retryable: false,
    });
    expect(everything(error)).not.toContain(PASSWORD);
  });
});
