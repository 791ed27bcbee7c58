import {
  createBackendRegistry,
  type MediaSink,
  type MediaSource,
  STATE_PLUGIN_API_VERSION,
  type SyncStateBackend,
} from '@q2google/core';
import {
  createMemoryBackend,
  createMemoryStore,
  FakeSink,
  FakeSource,
} from '@q2google/core/testing';
import type { CliContext } from '../context.js';
import { main } from '../main.js';
import { stripAnsi } from '../output/style.js';

/** A context whose streams are captured, whose clock is manual, and whose clouds are fakes. */
export interface TestContext extends CliContext {
  out(): string;
  err(): string;
  /** stderr with its escape sequences. */
  rawErr(): string;
  /** Presses Ctrl-C (as many times as called). */
  interrupt(): void;
  /** Runs every timer registered with `clock.every` once. */
  tick(): void;
  source: MediaSource;
  sink: MediaSink;
  backend: SyncStateBackend;
  exitCode?: number;
  /** Every `clock.sleep` in milliseconds; a sleep moves the clock on at once. */
  sleeps: number[];
}

/** Builds a test context; every state URI opens the same in-memory store (as a reopen). */
export function testContext(
  overrides: Partial<Pick<TestContext, 'source' | 'sink' | 'backend' | 'env' | 'cwd'>> & {
    tty?: boolean;
  } = {},
): TestContext {
  let [out, err] = ['', ''];
  let handler: ((count: number) => void) | undefined;
  let presses = 0;
  const timers = new Set<() => void>();
  let time = 1_750_000_000_000;
  const store = createMemoryStore();
  const backend = overrides.backend ?? createMemoryBackend({ store });
  const ctx: TestContext = {
    stdout: {
      write: (t) => {
        out += t;
      },
      isTTY: overrides.tty ?? false,
      columns: 80,
    },
    stderr: {
      write: (t) => {
        err += t;
      },
      isTTY: overrides.tty ?? false,
      columns: 80,
    },
    prompts: { ask: async () => '' },
    clock: {
      now: () => time,
      every: (_ms, fn) => {
        timers.add(fn);
        return () => timers.delete(fn);
      },
      sleep: async (ms, signal) => {
        ctx.sleeps.push(ms);
        signal.throwIfAborted();
        time += ms;
      },
    },
    env: overrides.env ?? {},
    cwd: overrides.cwd ?? '/nonexistent-q2g-test',
    homeDir: '/nonexistent-q2g-home',
    fetch: async () => {
      throw new Error('no network in tests');
    },
    exit: (code) => {
      ctx.exitCode = code;
      throw new Error(`exit ${code}`);
    },
    onInterrupt: (h) => {
      handler = h;
      presses = 0;
      return () => {
        handler = undefined;
      };
    },
    openBrowser: async () => false,
    searchDirs: [],
    source: overrides.source ?? new FakeSource([]),
    sink: overrides.sink ?? new FakeSink(),
    backend,
    services: {
      registry: () =>
        createBackendRegistry({
          register: [
            {
              name: 'memory-for-tests',
              apiVersion: STATE_PLUGIN_API_VERSION,
              schemes: ['file', 'memory'],
              create: () => overrides.backend ?? createMemoryBackend({ store }),
            },
          ],
        }),
      source: async () => ctx.source,
      sink: async () => ctx.sink,
    },
    out: () => stripAnsi(out),
    err: () => stripAnsi(err),
    rawErr: () => err,
    interrupt: () => handler?.(++presses),
    sleeps: [],
    tick: () => {
      for (const fn of timers) fn();
    },
  };
  return ctx;
}

/** Runs a command line against a test context; resolves to the exit code. */
export function run(ctx: TestContext, line: string | string[]): Promise<number> {
  const argv = Array.isArray(line) ? line : line.split(' ').filter(Boolean);
  return main(argv, ctx);
}
