import { describe, expect, test } from 'vitest';
import { colorEnabled, createStyle, stripAnsi } from './style.js';

describe('colorEnabled', () => {
  test('a terminal gets colour; a pipe, TERM=dumb or NO_COLOR (any value) do not', () => {
    expect(colorEnabled(true, {}, false)).toBe(true);
    expect(colorEnabled(false, {}, false)).toBe(false);
    expect(colorEnabled(true, { TERM: 'dumb' }, false)).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' }, false)).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' }, false)).toBe(false);
  });

  test('FORCE_COLOR forces colour into a pipe, and FORCE_COLOR=0 turns it off on a terminal', () => {
    expect(colorEnabled(false, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(false, { FORCE_COLOR: 'true' }, false)).toBe(true);
    expect(colorEnabled(true, { FORCE_COLOR: '0' }, false)).toBe(false);
    expect(colorEnabled(true, { FORCE_COLOR: 'false' }, false)).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '' }, false)).toBe(false);
  });

  test('--no-color wins over everything', () => {
    expect(colorEnabled(true, { FORCE_COLOR: '3' }, true)).toBe(false);
  });

  test('a Windows console (no TERM) is a terminal like any other', () => {
    expect(colorEnabled(true, { ComSpec: 'C:\\Windows\\system32\\cmd.exe' }, false)).toBe(true);
  });
});

test('with colour off every helper is the identity', () => {
  const plain = createStyle(false);
  expect(plain.red('x')).toBe('x');
  expect(stripAnsi(createStyle(true).red('x'))).toBe('x');
});
