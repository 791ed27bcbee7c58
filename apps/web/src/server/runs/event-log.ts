/**
 * The event log of each session: what its runs in this server reported (stages, units done,
 * warnings, errors, the summary and how each run ended), newest last. Byte-progress events are
 * not logged. Appended as NDJSON to `<dir>/<sessionId>.ndjson` when a folder is given (so logs
 * of earlier launches stay readable), kept in memory otherwise.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { LoggedEvent } from '../../shared/api-types.js';

/** A stored log line: an event with a type and a time; other fields are kept as they are. */
const LoggedLineSchema = z.looseObject({ type: z.string(), at: z.string() });

function parseJson(line: string): unknown {
  try {
    return line.trim() ? JSON.parse(line) : undefined;
  } catch {
    return undefined;
  }
}

/** Options of {@link EventLog}. */
export interface EventLogOptions {
  /** Folder for the NDJSON files; memory only when absent. */
  dir?: string;
  /** Most entries kept (and returned) per session. */
  limit?: number;
}

/** Per-session event logs. */
export class EventLog {
  readonly #dir: string | undefined;
  readonly #limit: number;
  readonly #entries = new Map<string, LoggedEvent[]>();
  #writing: Promise<void> = Promise.resolve();

  constructor(options: EventLogOptions = {}) {
    this.#dir = options.dir;
    this.#limit = options.limit ?? 1000;
  }

  /** Adds an entry to a session's log. */
  append(sessionId: string, event: LoggedEvent): void {
    const dir = this.#dir;
    if (!dir) {
      const list = this.#entries.get(sessionId) ?? [];
      list.push(event);
      if (list.length > this.#limit) list.splice(0, list.length - this.#limit);
      this.#entries.set(sessionId, list);
    } else {
      const line = `${JSON.stringify(event)}\n`;
      this.#writing = this.#writing
        .then(() => mkdir(dir, { recursive: true, mode: 0o700 }))
        .then(() => appendFile(join(dir, `${sessionId}.ndjson`), line, { mode: 0o600 }))
        .catch(() => {});
    }
  }

  /** A session's entries, oldest first (read from its file when there is a folder). */
  async read(sessionId: string): Promise<LoggedEvent[]> {
    if (!this.#dir) return [...(this.#entries.get(sessionId) ?? [])];
    await this.#writing;
    let text: string;
    try {
      text = await readFile(join(this.#dir, `${sessionId}.ndjson`), 'utf8');
    } catch {
      return [];
    }
    const entries: LoggedEvent[] = [];
    for (const line of text.split('\n')) {
      const parsed = LoggedLineSchema.safeParse(parseJson(line));
      // A torn last line (the process was killed mid-write) is skipped.
      if (parsed.success) entries.push(parsed.data as LoggedEvent);
    }
    return entries.slice(-this.#limit);
  }

  /** Resolves once every pending append reached the file. */
  flushed(): Promise<void> {
    return this.#writing;
  }
}
