import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackendRegistry, createSessionState } from '@q2google/core';
import { describe, expect, it } from 'vitest';
import { createBackendAccess } from './backend-access.js';

const session = (id: string) =>
  createSessionState({
    id,
    range: { from: '2025-06-01T00:00:00.000Z', to: '2025-06-30T23:59:59.999Z' },
    options: { album: null, mediaTypes: [], source: {} },
    now: new Date('2025-07-01T00:00:00.000Z'),
  });

describe('backend access with the JSON backend (one writer per session)', () => {
  it('reads without leaving a session locked, and reads a running session through its run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'q2g-web-access-'));
    const access = await createBackendAccess({
      target: dir,
      registry: createBackendRegistry({ cwd: dir }),
    });
    expect(access.displayUri).toBe(dir);
    const lock = join(dir, 's1', '.lock');

    const run = await access.forRun('s1');
    await run.save(session('s1'));
    expect(existsSync(lock)).toBe(true);
    const whileRunning = await access.read((backend) => backend.load('s1'), 's1');
    expect(whileRunning?.id).toBe('s1');
    await access.releaseRun('s1');
    expect(existsSync(lock)).toBe(false);

    const later = await access.read((backend) => backend.load('s1'), 's1');
    expect(later?.id).toBe('s1');
    expect(existsSync(lock)).toBe(false);
    await access.close();
  });

  it('redacts the password of a state URI it shows', async () => {
    const access = await createBackendAccess({
      target: 'memory://user:hunter22@host/db',
      registry: createBackendRegistry({
        register: [
          {
            name: 'memory-plugin',
            apiVersion: 1,
            schemes: ['memory'],
            create: async () => ({ name: 'memory', load: async () => null, save: async () => {} }),
          },
        ],
      }),
    });
    expect(access.displayUri).toBe('memory://user:***@host/db');
    await access.close();
  });
});
