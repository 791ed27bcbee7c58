import { describe, expect, test } from 'vitest';
import { isQ2gError, Q2gError } from '../errors/q2g-error.js';
import { createSessionState } from '../model/session-document.js';
import { resolveCapabilities } from '../protocol/state-backend.js';
import { createBackendFrame, defineStateBackend } from './define-state-backend.js';

const range = { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' };
const SECRET = 'hunter2-secret';

function frameFor(classify?: (error: unknown) => 'retryable' | 'fatal' | undefined) {
  return createBackendFrame({
    name: 'kv',
    label: 'KV',
    where: 'kv://h/db',
    secrets: [SECRET],
    ...(classify ? { classifyConnectionError: classify } : {}),
  });
}

describe('defineStateBackend', () => {
  test('a two-method backend keeps only its methods and the declared capabilities', () => {
    const backend = defineStateBackend(frameFor(), {
      capabilities: { incrementalSave: true },
      methods: { load: async () => null, save: async () => {} },
    });
    expect(Object.keys(backend).sort()).toEqual(['capabilities', 'close', 'load', 'name', 'save']);
    expect(backend.name).toBe('kv');
    expect(resolveCapabilities(backend).incrementalSave).toBe(false);
  });

  test('every method refuses with BACKEND_CLOSED after close; close releases once', async () => {
    let released = 0;
    const backend = defineStateBackend(
      frameFor(),
      {
        methods: { load: async () => null, save: async () => {}, listSessions: async () => [] },
        release: async () => {
          released++;
        },
      },
      { where: 'extra facts stay' },
    );
    await backend.close();
    await backend.close();
    expect(released).toBe(1);
    expect(backend.where).toBe('extra facts stay');
    const state = createSessionState({ id: 's1', range });
    const calls: [string, () => Promise<unknown>][] = [
      ['load', () => backend.load('s1')],
      ['save', () => backend.save(state)],
      ['listSessions', () => backend.listSessions()],
    ];
    for (const [method, call] of calls) {
      await expect(call()).rejects.toMatchObject({
        code: 'BACKEND_CLOSED',
        message: `The KV backend at kv://h/db is closed (${method}).`,
      });
    }
  });

  test('failures are named after the operation, keep their cause and lose the secrets', async () => {
    const boom = new Error(`refused for password ${SECRET}`);
    const backend = defineStateBackend(frameFor(), {
      methods: {
        load: async () => {
          throw boom;
        },
        save: async () => {
          throw boom;
        },
        ledgerRecord: async () => {
          throw new Q2gError('STATE_CORRUPT', `bad row near ${SECRET}`, { hint: 'restore' });
        },
      },
    });
    const loadError = await backend.load('s').catch((e: unknown) => e);
    expect(loadError).toMatchObject({ code: 'INTERNAL', cause: boom, retryable: false });
    expect((loadError as Error).message).toBe(
      'KV load failed at kv://h/db: refused for password ***',
    );
    const state = createSessionState({ id: 's1', range });
    await expect(backend.save(state)).rejects.toMatchObject({ code: 'BACKEND_WRITE_FAILED' });
    const passed = await backend.ledgerRecord([]).catch((e: unknown) => e);
    expect(isQ2gError(passed, 'STATE_CORRUPT')).toBe(true);
    expect(passed).toMatchObject({ message: 'bad row near ***', hint: 'restore' });
  });

  test('connection failures become BACKEND_UNAVAILABLE, retryable unless fatal', async () => {
    const down = Object.assign(new Error(''), { code: 'ECONNREFUSED' });
    const login = Object.assign(new Error('no such user'), { code: 'AUTH' });
    const frame = frameFor((e) =>
      (e as { code?: string }).code === 'ECONNREFUSED'
        ? 'retryable'
        : (e as { code?: string }).code === 'AUTH'
          ? 'fatal'
          : undefined,
    );
    expect(frame.toError(down, 'open')).toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      retryable: true,
      message: 'KV at kv://h/db is unavailable (open): connection failed',
      hint: 'Check that KV is running and reachable, then try again.',
      cause: down,
    });
    expect(frame.toError(login, 'load')).toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      retryable: false,
    });
    expect(frame.toError(new Error('x'), 'open', 'BACKEND_UNAVAILABLE').code).toBe(
      'BACKEND_UNAVAILABLE',
    );
  });

  test('a failing release is reported as a close failure, once', async () => {
    const backend = defineStateBackend(frameFor(), {
      methods: { load: async () => null, save: async () => {} },
      release: async () => {
        throw new Error('socket hang up');
      },
    });
    await expect(backend.close()).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    await expect(backend.close()).resolves.toBeUndefined();
  });
});
