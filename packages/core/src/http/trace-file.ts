import { appendFileSync, writeFileSync } from 'node:fs';
import type { HttpTrace, HttpTraceEntry } from './http-trace.js';

/**
 * An {@link HttpTrace} writing one NDJSON line per request to `path` (emptied first, created
 * 0600). Lines are appended synchronously, so a crash or Ctrl-C still leaves every request
 * made until then in the file.
 */
export function createHttpTraceFile(path: string): HttpTrace {
  writeFileSync(path, '', { mode: 0o600 });
  return {
    record(entry: HttpTraceEntry) {
      appendFileSync(path, `${JSON.stringify(entry)}\n`);
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
