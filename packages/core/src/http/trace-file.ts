import { closeSync, openSync, writeSync } from 'node:fs';
import type { HttpTrace, HttpTraceEntry } from './http-trace.js';

/** An {@link HttpTrace} writing one NDJSON line per request to a file (0600, appended). */
export interface HttpTraceFile extends HttpTrace {
  readonly path: string;
  close(): void;
}

/**
 * Opens `path` for the trace. Lines are written synchronously, so a crash or Ctrl-C still
 * leaves every request made until then in the file.
 */
export function openHttpTraceFile(path: string): HttpTraceFile {
  let fd: number | undefined = openSync(path, 'a', 0o600);
  return {
    path,
    record(entry: HttpTraceEntry) {
      if (fd !== undefined) writeSync(fd, `${JSON.stringify(entry)}\n`);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** The entries of an NDJSON trace file's text. */
export function parseHttpTrace(text: string): HttpTraceEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HttpTraceEntry);
}
