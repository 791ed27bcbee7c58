/**
 * Unit keys and batch ids as safe file names: reversible, case-insensitive-filesystem safe,
 * never `.`/`..`, never a path separator. `[a-z0-9_-]` stay as they are; every other byte of
 * the UTF-8 form becomes `~` and two lower-case hex digits. Names that would exceed
 * {@link MAX_NAME} are shortened to a prefix plus a SHA-256 digest (the file holds the key).
 */
import { createHash } from 'node:crypto';

/** The longest encoded name kept verbatim (file systems allow 255 bytes; room for `.json`). */
export const MAX_NAME = 200;

/** One character (a whole code point) that does not stay as it is. */
const ESCAPED = /[^a-z0-9_-]/gu;

/**
 * The file-name form of `key` (without extension). Built by one `replace`, so the name is one
 * flat string: the JSON backend keeps a name per unit, and a name built up character by
 * character would stay a chain of ~20 partial strings per unit.
 */
export function encodeKey(key: string): string {
  const out = key.replace(ESCAPED, escapeChar);
  if (out.length <= MAX_NAME) return out;
  const digest = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40);
  return `${out.slice(0, MAX_NAME - 43)}~~~${digest}`;
}

/** `~` and two hex digits for every byte of the character's UTF-8 form. */
function escapeChar(char: string): string {
  let out = '';
  for (const byte of Buffer.from(char, 'utf8')) out += `~${byte.toString(16).padStart(2, '0')}`;
  return out;
}

/** The key a name from {@link encodeKey} stands for, or undefined for a shortened name. */
export function decodeKey(name: string): string | undefined {
  if (name.includes('~~~')) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '~') {
      bytes.push(Number.parseInt(name.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(name.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
