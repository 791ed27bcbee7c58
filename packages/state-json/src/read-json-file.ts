/** Reading one stored JSON file: missing → undefined, damaged → STATE_CORRUPT naming the file. */
import { Q2gError, wrapError } from '@q2google/core';
import { type FileOps, isMissing } from './file-ops.js';

/** The parsed content of `path`, or undefined when the file does not exist. */
export async function readJsonFile(ops: FileOps, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await ops.readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw wrapError(error, 'BACKEND_UNAVAILABLE', `Could not read ${path}`, {
      hint: 'Check that the state folder is readable by this user.',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Q2gError(
      'STATE_CORRUPT',
      `The state file ${path} is damaged (${text.length === 0 ? 'empty' : 'not valid JSON, perhaps truncated'}).`,
      {
        cause: error,
        hint: 'Restore it from a backup, or delete the session folder to start the session over.',
        details: { path },
      },
    );
  }
}

/** The names in a directory, or [] when it does not exist. */
export async function listDir(ops: FileOps, dir: string): Promise<string[]> {
  try {
    return await ops.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw wrapError(error, 'BACKEND_UNAVAILABLE', `Could not list ${dir}`);
  }
}

/** Core's concurrency-limited map, which the state files use for their reads and writes. */
export { mapLimit } from '@q2google/core';
