import { isQ2gError } from '@q2google/core';

/** One line for the user, and the details `--verbose` adds (stack and causes). */
export function describeError(error: unknown): { line: string; details: string[] } {
  const details: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const label = depth === 0 ? '' : 'caused by: ';
    if (current instanceof Error) {
      details.push(`${label}${current.stack ?? `${current.name}: ${current.message}`}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      details.push(`${label}${String(current)}`);
      break;
    }
  }
  if (isQ2gError(error)) return { line: error.userMessage, details };
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: `Unexpected error: ${message}. Run again with --verbose for details; if it persists, report it with that output.`,
    details,
  };
}
