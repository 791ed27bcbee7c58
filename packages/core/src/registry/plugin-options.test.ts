import { describe, expect, test } from 'vitest';
import { injectedClient, takeUriParams } from './plugin-options.js';

describe('plugin options', () => {
  test('the named query parameters are taken off the URI; others stay', () => {
    expect(
      takeUriParams('pg://h/db?schema=s&sslmode=require&prefix=p_', ['schema', 'prefix']),
    ).toEqual({ uri: 'pg://h/db?sslmode=require', params: { schema: 's', prefix: 'p_' } });
    expect(takeUriParams('pg://h/db?only=1', ['schema'])).toEqual({
      uri: 'pg://h/db?only=1',
      params: {},
    });
    expect(takeUriParams('pg://h/db?schema=s', ['schema'])).toEqual({
      uri: 'pg://h/db',
      params: { schema: 's' },
    });
  });

  test('an injected client must have the expected methods', () => {
    const check = { plugin: 'q2google-state-x', kind: 'an X client', methods: ['query'] };
    const client = { query: () => {} };
    expect(injectedClient(client, check)).toBe(client);
    expect(injectedClient(undefined, check)).toBeUndefined();
    for (const wrong of [null, 42, { query: 1 }]) {
      expect(() => injectedClient(wrong, check)).toThrow(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          message: 'The client given to q2google-state-x must be an X client.',
        }),
      );
    }
  });
});
