import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { classifyConnectionError } from './errors.js';
import { createMongoBackend } from './mongo-backend.js';

const PASSWORD = 'Sup3r-secret-pw';
const everything = (error: unknown) =>
  `${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 6 })}`;

describe('MongoDB connection failures', () => {
  test('a URI that is not MongoDB gives BACKEND_INVALID_URI, redacted', async () => {
    for (const url of [
      `postgres://u:${PASSWORD}@h/db`,
      `mongodb://u:${PASSWORD}@h:99999999/x`,
      'mongodb://',
    ]) {
      const error = await createMongoBackend({ url, serverSelectionTimeoutMs: 300 }).catch(
        (e: unknown) => e,
      );
      expect(error, url).toMatchObject({ name: 'Q2gError', code: 'BACKEND_INVALID_URI' });
      expect(everything(error)).not.toContain(PASSWORD);
    }
  });

  test('neither a url nor a client gives CONFIG_INVALID', async () => {
    await expect(createMongoBackend({})).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  test('network and selection failures are retryable; refused logins are not', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(classifyConnectionError(named('MongoServerSelectionError'))).toBe('retryable');
    expect(classifyConnectionError(named('MongoNetworkError'))).toBe('retryable');
    expect(classifyConnectionError(Object.assign(named('MongoServerError'), { code: 18 }))).toBe(
      'fatal',
    );
    expect(
      classifyConnectionError(Object.assign(named('MongoServerError'), { code: 11000 })),
    ).toBeUndefined();
  });
});
