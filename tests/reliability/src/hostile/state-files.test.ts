/**
 * JSON-backend state damaged on disk — truncated at any byte, replaced by foreign JSON, written
 * by a newer q2google — loads as a typed STATE_ error (or, when the damage left a whole valid
 * file, as the session). Loading never writes, so a failed load leaves the files as they were;
 * the CLI reports such a session in one line with exit 6, no stack trace.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createItemState, createSessionState, isQ2gError, type SessionState } from '@q2google/core';
import { createJsonBackend } from '@q2google/state-json';
import { startWorld, type World } from '@q2google/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const STATE_CODES = /^STATE_(CORRUPT|FOREIGN|SCHEMA_TOO_NEW|INVALID)$/;
let world: World;
let files: Map<string, string>;

function sampleSession(): SessionState {
  const now = new Date('2026-01-01T00:00:00.000Z');
  const state = createSessionState({
    id: 'hostile',
    range: { from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' },
    options: { album: null, mediaTypes: [], source: {} },
    now,
  });
  for (const n of [1, 2, 3]) {
    const item = createItemState(
      {
        key: `m${n}/source`,
        mediaId: `m${n}`,
        part: 'source',
        fileName: `GOPR000${n}.JPG`,
        mimeType: 'image/jpeg',
        kind: 'photo',
        size: 1_000 * n,
        capturedAt: '2024-06-01T00:00:00.000Z',
      },
      now,
    );
    state.items[item.key] = item;
  }
  return state;
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(dir, { recursive: true })) as string[]) {
    if (name.endsWith('.json')) out.set(name, await readFile(join(dir, name), 'utf8'));
  }
  return out;
}

async function restore(dir: string): Promise<void> {
  await rm(join(dir, 'hostile'), { recursive: true, force: true });
  const backend = createJsonBackend({ directory: dir });
  await backend.save(sampleSession());
  await backend.close?.();
}

/** Loads with a fresh backend: the session, or the thrown error. */
async function load(dir: string): Promise<SessionState | null | { error: unknown }> {
  const backend = createJsonBackend({ directory: dir });
  try {
    return await backend.load('hostile');
  } catch (error) {
    return { error };
  } finally {
    await backend.close?.();
  }
}

beforeAll(async () => {
  world = await startWorld();
  await restore(world.stateDir);
  files = await snapshot(world.stateDir);
});
afterAll(() => world?.close());

const damage = fc.oneof(
  fc.nat().map((cut) => ({
    kind: 'truncated',
    apply: (text: string) => text.slice(0, cut % text.length),
  })),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((value) => ({ kind: 'foreign', apply: () => JSON.stringify(value) })),
  fc.integer({ min: 2, max: 10_000 }).map((version) => ({
    kind: 'newer',
    apply: (text: string) => text.replace(/"schemaVersion":\s*\d+/, `"schemaVersion":${version}`),
  })),
  fc.string({ unit: 'binary', maxLength: 50 }).map((junk) => ({ kind: 'junk', apply: () => junk })),
);

describe('damaged JSON state files', () => {
  it('load as a typed STATE_ error or the whole session; a failed load writes nothing', async () => {
    const names = [...files.keys()];
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), damage, async (name, hurt) => {
        await restore(world.stateDir);
        const path = join(world.stateDir, name);
        await writeFile(path, hurt.apply(files.get(name)!));
        const before = await snapshot(world.stateDir);
        const loaded = await load(world.stateDir);
        if (loaded && 'error' in loaded) {
          expect(isQ2gError(loaded.error), String(loaded.error)).toBe(true);
          const code = (loaded.error as { code: string }).code;
          expect(code).toMatch(STATE_CODES);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          expect(await snapshot(world.stateDir)).toEqual(before);
        } else {
          // Damage that left a valid document (e.g. a foreign object that parses as a unit
          // of another key is refused above); what loads is the same three units.
          expect(Object.keys(loaded?.items ?? {}).length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 150 },
    );
    console.info(`[reliability] hostile/state-files: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(codes.size).toBeGreaterThanOrEqual(2);
  });

  it('make the CLI say what is wrong in one line, exit 6', async () => {
    await restore(world.stateDir);
    await writeFile(join(world.stateDir, 'hostile', 'meta.json'), '{"schemaVersion": 99, "id": "h');
    const result = await runCli(['status', 'hostile'], {
      cwd: world.projectDir,
      env: world.cliEnv,
    });
    expect(result.code).toBe(6);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
  });
});
