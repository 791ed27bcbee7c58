import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGoProTokenFile } from './token-file.js';

const credentials = {
  version: 1 as const,
  accessToken: 'a.b.c.d.e',
  userId: 'u-1',
  refreshToken: 'r',
};

describe('the GoPro token file', () => {
  it('round-trips credentials in a file of mode 0600, and is null when absent', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'q2g-tf-')), 'nested', 'token.json');
    const store = createGoProTokenFile(path);
    expect(await store.load()).toBeNull();
    await store.save(credentials);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(credentials);
  });

  it('refuses a file others can read, or tightens it when told to warn', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'q2g-tf-')), 'token.json');
    await writeFile(path, JSON.stringify(credentials));
    await chmod(path, 0o644);
    const error = (await createGoProTokenFile(path)
      .load()
      .catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', hint: `Run: chmod 600 ${path}` });
    expect(error.message).not.toContain('a.b.c.d.e');
    const warnings: string[] = [];
    const loaded = await createGoProTokenFile(path, {
      onInsecure: 'warn',
      warn: (w) => warnings.push(w),
    }).load();
    expect(loaded).toEqual(credentials);
    expect(warnings).toHaveLength(1);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('names the invalid field of a damaged file without echoing its content', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'q2g-tf-')), 'token.json');
    await writeFile(path, JSON.stringify({ version: 1, accessToken: '' }), { mode: 0o600 });
    await expect(createGoProTokenFile(path).load()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('"accessToken"'),
    });
  });

  it('never writes through a symlink planted at a temp name, and leaves no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'q2g-tf-'));
    const path = join(dir, 'token.json');
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious\n');
    await symlink(victim, `${path}.${process.pid}.tmp`);
    await symlink(victim, path);
    await createGoProTokenFile(path).save(credentials);
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
    expect((await lstat(path)).isFile()).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const left = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
    expect(left).toEqual([`token.json.${process.pid}.tmp`]);
  });
});
