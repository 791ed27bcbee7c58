/**
 * File names that reach Google Photos (and, through it, people's disks) are built from GoPro's
 * data: whatever the camera name, media id or extension holds, the name is safe.
 */
import { unitFileName } from '@q2google/source-gopro';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LONE_SURROGATE, UNSAFE_NAME_CHARS } from '../support/unsafe-chars.js';

/** Strings made to hurt: traversal, separators, NUL and other controls, bidi tricks, long text. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.constantFrom('../../etc/passwd', '..', '.', '/', '\\..\\x', 'a\u0000b', '\u202Egpj.exe', ' '),
  fc
    .array(
      fc.constantFrom(
        '../',
        '\u0000',
        '\u001b[2J',
        '\u007f',
        '\u0085',
        '\u202E',
        '日本',
        '🎥',
        '/',
      ),
      {
        maxLength: 80,
      },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 600 }),
);

/** What a safe file name looks like. */
function expectSafe(name: string): void {
  expect(name.length).toBeGreaterThan(0);
  expect(name).not.toMatch(UNSAFE_NAME_CHARS);
  expect(name, 'no lone surrogate').not.toMatch(LONE_SURROGATE);
  expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
  expect(['.', '..']).not.toContain(name);
}

describe('the Google Photos file name of a unit', () => {
  it('is safe whatever the camera name, media id, extension and label', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.option(hostile, { nil: undefined }),
        hostile,
        fc.option(hostile, { nil: undefined }),
        (mediaId, cameraName, extension, label) => {
          expectSafe(unitFileName(mediaId || 'x', cameraName, extension, label));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('is safe with the id tag too', () => {
    fc.assert(
      fc.property(hostile, fc.option(hostile, { nil: undefined }), hostile, (id, camera, ext) => {
        expectSafe(unitFileName(id || 'x', camera, ext, undefined, true));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps ordinary camera names as they are, with the id tag when asked', () => {
    expect(unitFileName('abc', 'GOPR0001.JPG', 'jpg')).toBe('GOPR0001.JPG');
    expect(unitFileName('abc', 'GOPR0001.JPG', 'jpg', undefined, true)).toMatch(
      /^GOPR0001_[0-9a-f]{8}\.JPG$/,
    );
  });
});
