/** Helpers shared by this package's tests (not exported from the package). */
import { createHash } from 'node:crypto';
import type { MediaUnit, RetryPolicy, SourceStream, UnitPage } from '@q2google/core';
import {
  type GoProEmulator,
  type GoProEmulatorOptionsInput,
  startGoProEmulator,
} from '@q2google/sandbox';
import { createPastedTokenAuth } from './auth/pasted-token-auth.js';
import { createGoProSource, type GoProSource, type GoProSourceConfig } from './gopro-source.js';

/** A retry policy that never really waits and records every wait it was asked for. */
export function instantRetry(retries = 4): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    retries,
    baseDelayMs: 10,
    maxDelayMs: 40,
    maxRetryAfterMs: 600_000,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    waits,
  };
}

/** An emulator plus a source logged in with a pasted token. */
export async function startWithSource(
  emulatorOptions: GoProEmulatorOptionsInput = {},
  config: Partial<GoProSourceConfig> = {},
): Promise<{ emu: GoProEmulator; source: GoProSource; retry: ReturnType<typeof instantRetry> }> {
  const emu = await startGoProEmulator(emulatorOptions);
  const retry = instantRetry();
  const source = createGoProSource({
    auth: createPastedTokenAuth({
      accessToken: emu.issueAccessToken(),
      userId: emu.account.userId,
    }),
    baseUrl: emu.apiUrl,
    retry,
    ...config,
  });
  return { emu, source, retry };
}

/** The whole range of the emulator's default dates. */
export const ALL_TIME = { from: '2000-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };

/** Every page of a listing. */
export async function listAll(
  source: GoProSource,
  options: Record<string, string | number | boolean> = {},
  extra: {
    mediaTypes?: string[];
    range?: { from: string; to: string };
    cursor?: string | null;
  } = {},
): Promise<{ units: MediaUnit[]; pages: UnitPage[] }> {
  const pages: UnitPage[] = [];
  for await (const page of source.listUnits({
    range: extra.range ?? ALL_TIME,
    mediaTypes: extra.mediaTypes ?? [],
    options,
    cursor: extra.cursor ?? null,
  })) {
    pages.push(page);
  }
  return { units: pages.flatMap((p) => p.units), pages };
}

/** SHA-256 and length of a stream's body. */
export async function digest(stream: SourceStream): Promise<{ sha256: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of stream.body) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { sha256: hash.digest('hex'), length };
}

/** SHA-256 of an emulator original from `offset`. */
export function expectedTail(emu: GoProEmulator, mediaId: string, part: string, offset: number) {
  const hash = createHash('sha256');
  for (const chunk of emu.expectedBytes(mediaId, part, offset)) hash.update(chunk);
  return hash.digest('hex');
}
