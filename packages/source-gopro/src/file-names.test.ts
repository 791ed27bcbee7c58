import { describe, expect, it } from 'vitest';
import { unitFileName } from './file-names.js';

describe('unitFileName', () => {
  it('keeps path separators, controls and bidi overrides out of every part of the name', () => {
    const name = unitFileName('id/../x', 'GO\u202EGPJ\u0000../x.JPG', '../../etc', 'a/b', true);
    expect(name).toMatch(/^GO_GPJ_\.\._x-a_b_[0-9a-f]{8}\.etc$/);
    expect(unitFileName('../..', '', '../../mp4\u0007')).toBe('gopro-.._...mp4');
  });

  it("keeps the camera's name by default, and tags it only when asked", () => {
    expect(unitFileName('m1', 'GOPR0001.JPG', 'jpg')).toBe('GOPR0001.JPG');
    expect(unitFileName('m1', 'GOPR0001.JPG', 'jpg', undefined, true)).toMatch(
      /^GOPR0001_[0-9a-f]{8}\.JPG$/,
    );
  });

  it('tags a camera name of dots only, which is no file name', () => {
    expect(unitFileName('m1', '..', '')).toMatch(/^\._[0-9a-f]{8}$/);
  });

  it('fits 255 bytes of UTF-8 without cutting a character in half', () => {
    const name = unitFileName('id', `${'🎥'.repeat(300)}.MP4`, 'mp4');
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
    expect(name.endsWith('.MP4')).toBe(true);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
