import { lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSecretFileAtomic } from './secret-file.js';

let umask: number;
beforeEach(() => {
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
});

describe('writeSecretFileAtomic', () => {
  it('creates the folder 0700 and the file 0600 even under a permissive umask', async () => {
    const root = await mkdtemp(join(tmpdir(), 'q2g-secret-'));
    const path = join(root, 'nested', 'token.json');
    await writeSecretFileAtomic(path, '{"a":1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'nested'))).mode & 0o777).toBe(0o700);
    await writeSecretFileAtomic(path, 'second');
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(await readdir(join(root, 'nested'))).toEqual(['token.json']);
  });

  it('replaces a symlink at the target instead of writing through it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'q2g-secret-'));
    const victim = join(root, 'victim');
    await writeFile(victim, 'precious');
    await symlink(victim, join(root, 'token.json'));
    await writeSecretFileAtomic(join(root, 'token.json'), 'secret');
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(join(root, 'token.json'))).isFile()).toBe(true);
  });
});
