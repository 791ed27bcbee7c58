import { spawnSync } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { buildSession } from '@q2google/state-conformance';
import { afterAll, describe, expect, test } from 'vitest';
import { createJsonBackend } from './index.js';
import { spawnIdleProcess, tempStateRoot } from './test-support.js';

const root = await tempStateRoot();
const idle = spawnIdleProcess();
afterAll(() => {
  idle.kill();
});

async function lockedBy(id: string, lock: Record<string, unknown>) {
  await mkdir(join(root, id), { recursive: true });
  await writeFile(join(root, id, '.lock'), JSON.stringify(lock));
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

const base = { hostname: hostname(), startedAt: '2025-01-01T00:00:00.000Z', token: 't' };

describe('session lock', () => {
  test('a session locked by another live process is refused, naming the pid and the fix', async () => {
    const state = buildSession({ items: 1 });
    await lockedBy(state.id, { ...base, pid: idle.pid });
    const backend = createJsonBackend({ directory: root });
    const error = await backend.save(state).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BACKEND_LOCKED' });
    const { message, hint } = error as { message: string; hint: string };
    expect(message).toContain(`process ${idle.pid}`);
    expect(hint).toContain(join(root, state.id, '.lock'));
    await backend.close!();
  });

  test('a stale lock left by a dead process is recovered', async () => {
    const state = buildSession({ items: 2 });
    await lockedBy(state.id, { ...base, pid: deadPid() });
    const backend = createJsonBackend({ directory: root });
    await backend.save(state);
    const lock = JSON.parse(await readFile(join(root, state.id, '.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    expect(await backend.load(state.id)).toStrictEqual(state);
    await backend.close!();
  });

  test('a lock from another host is never taken over', async () => {
    const state = buildSession({ items: 1 });
    await lockedBy(state.id, { ...base, hostname: 'other-host', pid: deadPid() });
    const backend = createJsonBackend({ directory: root });
    await expect(backend.load(state.id)).rejects.toMatchObject({ code: 'BACKEND_LOCKED' });
    await backend.close!();
  });

  test('an unreadable lock is respected while fresh and recovered once old', async () => {
    const state = buildSession({ items: 1 });
    await mkdir(join(root, state.id), { recursive: true });
    const path = join(root, state.id, '.lock');
    await writeFile(path, '{"pid": 12');
    const backend = createJsonBackend({ directory: root });
    await expect(backend.save(state)).rejects.toMatchObject({ code: 'BACKEND_LOCKED' });
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    await backend.save(state);
    expect(await backend.load(state.id)).toStrictEqual(state);
    await backend.close!();
  });

  test('two instances in one process do not share a session; close releases it', async () => {
    const state = buildSession({ items: 1 });
    const first = createJsonBackend({ directory: root });
    const second = createJsonBackend({ directory: root });
    await first.save(state);
    const error = await second.load(state.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BACKEND_LOCKED' });
    expect((error as Error).message).toContain('another backend instance in this process');
    await first.close!();
    await expect(readFile(join(root, state.id, '.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await second.load(state.id)).toStrictEqual(state);
    await second.close!();
  });
});
