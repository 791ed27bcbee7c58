import { describe, expect, test } from 'vitest';
import { decodeKey, encodeKey, MAX_NAME } from './key-codec.js';

describe('unit keys as file names', () => {
  test.each([
    'GOPR0001:source',
    'été à Noël 🎄',
    '../../etc/passwd',
    '.hidden',
    'a/b\\c',
    'CON',
    '~already~encoded~',
  ])('"%s" becomes a plain file name and decodes back', (key) => {
    const name = encodeKey(key);
    expect(name).toMatch(/^[a-z0-9_~-]+$/);
    expect(name.startsWith('.')).toBe(false);
    expect(decodeKey(name)).toBe(key);
  });

  test.each([
    ['GOPR0001:source', '~47~4f~50~520001~3asource'],
    ['été 🎄', '~c3~a9t~c3~a9~20~f0~9f~8e~84'],
    ['a/B.c', 'a~2f~42~2ec'],
    ['lone\ud800x', 'lone~ef~bf~bdx'],
  ])('"%s" keeps the file name earlier versions wrote (%s)', (key, name) => {
    expect(encodeKey(key)).toBe(name);
  });

  test('keys differing only in case get names that differ ignoring case', () => {
    expect(encodeKey('AbC').toLowerCase()).not.toBe(encodeKey('abc').toLowerCase());
  });

  test('a very long key gets a bounded, unique name', () => {
    const a = encodeKey(`${'Ü'.repeat(300)}-1`);
    const b = encodeKey(`${'Ü'.repeat(300)}-2`);
    expect(a.length).toBeLessThanOrEqual(MAX_NAME);
    expect(a).not.toBe(b);
    expect(decodeKey(a)).toBeUndefined();
  });
});
