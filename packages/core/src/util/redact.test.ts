import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUri } from './redact.js';

const lower = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
    minLength: min,
    maxLength: max,
  });

/**
 * Passwords mark themselves with capitals (nothing else in the generated URIs has one), so any
 * capital left in the output is a piece of the password; they also carry the characters that
 * end a URI part early (`@ / ? # : &` …).
 */
const password = fc
  .tuple(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    fc.string({ unit: fc.constantFrom(...'ABCXYZ@/?#:%!$&()+,;=[]~._-'), maxLength: 16 }),
    fc.string({ unit: fc.constantFrom(...'QRS@/?#'), maxLength: 4 }),
  )
  .map(([first, middle, last]) => `${first}${middle}${last}`);

const scheme = fc.constantFrom('postgres', 'postgresql', 'mongodb', 'mongodb+srv', 'redis');
const host = fc
  .tuple(lower(1, 10), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([name, port]) => (port === undefined ? `${name}.example` : `${name}.example:${port}`));
const path = fc.option(
  lower(1, 8).map((p) => `/${p}`),
  { nil: '' },
);
const plainQuery = fc.array(
  fc.tuple(
    fc.constantFrom('sslmode', 'authsource', 'w', 'appname', 'connect_timeout'),
    lower(0, 6),
  ),
  { maxLength: 3 },
);
const SECRET_KEYS = ['password', 'sslpassword', 'tlsCertificateKeyFilePassword', 'token'];
/** The output without the query keys that themselves hold capitals. */
const capitalsLeft = (out: string) =>
  /[A-Z]/.test(out.replaceAll('tlsCertificateKeyFilePassword', ''));

describe('redactUri', () => {
  it('masks the examples the review found', () => {
    expect(redactUri('postgres://user:p@ss@h/db')).toBe('postgres://user:***@h/db');
    expect(redactUri('postgres://user:p/ss@h/db')).toBe('postgres://user:***@h/db');
    expect(redactUri('postgres://user:p#ss@h/db')).toBe('postgres://user:***@h/db');
    expect(redactUri('postgres://user:p?ss@h/db')).toBe('postgres://user:***@h/db');
    expect(redactUri('postgres://h/db?sslpassword=hunter2&x=1')).toBe(
      'postgres://h/db?sslpassword=***&x=1',
    );
    expect(redactUri('mongodb://h/db?tlsCertificateKeyFilePassword=hunter2')).toBe(
      'mongodb://h/db?tlsCertificateKeyFilePassword=***',
    );
  });

  it('keeps what is not secret', () => {
    expect(redactUri('postgres://user@h:5432/db?sslmode=require')).toBe(
      'postgres://user@h:5432/db?sslmode=require',
    );
    expect(redactUri('postgres://h:5432/db')).toBe('postgres://h:5432/db');
    expect(redactUri('./q2google-state')).toBe('./q2google-state');
    expect(redactUri('mongodb://u:pw@h1:1,h2:2/db?replicaSet=rs')).toBe(
      'mongodb://u:***@h1:1,h2:2/db?replicaSet=rs',
    );
    expect(redactUri('https://x.example/f?X-Amz-Signature=abc&a=1')).toBe(
      'https://x.example/f?X-Amz-Signature=***&a=1',
    );
  });

  it('never shows any part of a password in the user info (property)', () => {
    fc.assert(
      fc.property(scheme, lower(0, 8), password, host, path, plainQuery, (s, user, pw, h, p, q) => {
        const query = q.map(([k, v]) => `${k}=${v}`).join('&');
        const uri = `${s}://${user}:${pw}@${h}${p}${query ? `?${query}` : ''}`;
        const out = redactUri(uri);
        expect(capitalsLeft(out), `${uri} -> ${out}`).toBe(false);
        expect(out).toBe(`${s}://${user}:***@${h}${p}${query ? `?${query}` : ''}`);
      }),
      { numRuns: 500 },
    );
  });

  it('never shows a secret query value (property)', () => {
    fc.assert(
      fc.property(
        scheme,
        host,
        path,
        fc.constantFrom(...SECRET_KEYS),
        password.map((pw) => pw.replaceAll('&', '')),
        plainQuery,
        (s, h, p, key, pw, q) => {
          const query = [...q.map(([k, v]) => `${k}=${v}`), `${key}=${pw}`].join('&');
          const out = redactUri(`${s}://${h}${p || '/'}?${query}`);
          expect(capitalsLeft(out), out).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of secrets of four characters or more', () => {
    expect(redactSecrets('a hunter2 b hunter2 abc', ['hunter2', 'abc', undefined])).toBe(
      'a *** b *** abc',
    );
  });
});
