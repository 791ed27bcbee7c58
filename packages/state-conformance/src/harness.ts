/**
 * What every group shares: opening and closing backends per test, checking error codes,
 * letting leases expire, and reading capabilities.
 */
import type { Q2gErrorCode, resolveCapabilities, SyncStateBackend } from '@q2google/core';
import type { ConformanceContext, ConformanceOptions, VitestApi } from './types.js';

/** What a group receives: the vitest API, the options and the run's context. */
export interface GroupInput {
  api: VitestApi;
  options: ConformanceOptions;
  ctx: ConformanceContext;
  /** Capabilities read once from a probe instance. */
  capabilities: ReturnType<typeof resolveCapabilities>;
  /** Whether the backend has a `close` method. */
  hasClose: boolean;
}

/** Closes a backend if it can be closed, ignoring nothing: a failing close fails the test. */
export async function closeQuietly(backend: SyncStateBackend | undefined): Promise<void> {
  await backend?.close?.();
}

/** Opens a backend with `open`, runs `body`, and closes it whatever happens. */
export async function using<T>(
  open: () => Promise<SyncStateBackend>,
  body: (backend: SyncStateBackend) => Promise<T>,
): Promise<T> {
  const backend = await open();
  try {
    return await body(backend);
  } finally {
    await closeQuietly(backend);
  }
}

/** Awaits `run` and returns the error it threw (or fails the test if it did not throw). */
export async function caught(run: () => unknown): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    if (typeof error === 'object' && error !== null) return error as Record<string, unknown>;
    throw new Error(`expected an error object, got ${String(error)}`);
  }
  throw new Error('expected the operation to throw, but it succeeded');
}

/** Asserts `error` is a q2google error with one of `codes`. */
export function expectCode(
  api: VitestApi,
  error: Record<string, unknown>,
  ...codes: Q2gErrorCode[]
): void {
  api.expect(error.name, `error ${String(error.message)}`).toBe('Q2gError');
  api.expect(codes, `error code of "${String(error.message)}"`).toContain(error.code);
}

/** The error's message plus its hint: what a user would read. */
export function userText(error: Record<string, unknown>): string {
  return [error.message, error.hint].filter((s) => typeof s === 'string').join(' ');
}

/**
 * Lets leases of `ms` expire: advances the injected clock, or (without one) waits until
 * `expired()` is true, polling for up to 3 s.
 */
export async function letLeasesExpire(
  input: GroupInput,
  ms: number,
  expired: () => Promise<boolean>,
): Promise<void> {
  if (input.options.advanceClock) {
    await input.options.advanceClock(input.ctx, ms + 1);
    return;
  }
  const deadline = Date.now() + 3_000;
  while (!(await expired())) {
    if (Date.now() > deadline) throw new Error('leases did not expire within 3 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The lease length to use: long with an injected clock, 1 ms when real time must pass. */
export function shortLease(input: GroupInput): number {
  return input.options.advanceClock ? 60_000 : 1;
}

/** Registers a visibly skipped group: one skipped test whose title gives the reason. */
export function skipGroup(api: VitestApi, title: string, reason: string): void {
  api.describe(title, () => {
    api.test.skip(`skipped — ${reason}`, () => {});
  });
}
