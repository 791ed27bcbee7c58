import type { Services } from './services.js';

/** A writable text stream, as the CLI uses it. */
export interface TextOut {
  /** Writes `text` as is (add the newline yourself). */
  write(text: string): void;
  /** True when a person is watching: live progress and colour are allowed. */
  isTTY: boolean;
  /** Terminal width in columns, when known. */
  columns?: number;
}

/** The clock the CLI reads and schedules with (injected so tests control time). */
export interface CliClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` every `ms` milliseconds until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
  /** Waits `ms` milliseconds; rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Questions the CLI asks a person. */
export interface Prompts {
  /** Asks for a line of text; `secret` hides the typed characters. */
  ask(question: string, options?: { secret?: boolean }): Promise<string>;
}

export type { CliConfig } from './wiring/cli-settings.js';

/**
 * Everything a command touches outside itself. Steps take `Pick<CliContext, …>` of what they
 * use; `bin.ts` builds the real one from `process`, tests build fakes.
 */
export interface CliContext {
  stdout: TextOut;
  stderr: TextOut;
  prompts: Prompts;
  clock: CliClock;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The home folder (default token files live under it). */
  homeDir: string;
  /** The `fetch` every HTTP call goes through. */
  fetch: typeof fetch;
  /** Ends the process now (used only by the second Ctrl-C). */
  exit(code: number): never;
  /**
   * Registers a Ctrl-C handler for the duration of a run; `count` is 1 for the first press.
   * Returns the function that unregisters it.
   */
  onInterrupt(handler: (count: number) => void): () => void;
  /** Opens a URL in a browser when there is one; resolves false when it could not. */
  openBrowser(url: string): Promise<boolean>;
  /** Folders the registry resolves backend packages from after `cwd` (the CLI's own install). */
  searchDirs: readonly string[];
  /** Opens the registry, the source and the sink from settings. */
  services: Services;
}

/** Output options every command shares. */
export interface OutputMode {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
}
