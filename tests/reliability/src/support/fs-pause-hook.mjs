// Preloaded into a q2google process with `node --import <this file>` to freeze it in the middle
// of a JSON-backend write, so a test can SIGKILL it at exactly that moment.
//
//   Q2G_REL_PAUSE_MATCH   a substring of the target path (e.g. `/items/`, `/journal.ndjson`)
//   Q2G_REL_PAUSE_AFTER   pause on the N-th matching write (1 = the first)
//   Q2G_REL_PAUSE_AT      `write`: half of the temp file (or of the line appended to the save
//                         journal) is written and flushed, then the process stops; `rename`: the
//                         temp file is complete and fsynced, the rename not yet done
//
// On pausing it prints `q2g-rel-hook: paused <at> <path>` on stderr and never continues.
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const match = process.env.Q2G_REL_PAUSE_MATCH ?? '';
const after = Number(process.env.Q2G_REL_PAUSE_AFTER ?? '1');
const at = process.env.Q2G_REL_PAUSE_AT ?? 'rename';
let seen = 0;

/** Reports the pause and never resolves (a timer keeps the process alive until it is killed). */
function pause(where, path) {
  process.stderr.write(`q2g-rel-hook: paused ${where} ${path}\n`);
  setInterval(() => {}, 60_000);
  return new Promise(() => {});
}

/** True when this write (of a temp file, or an append to the save journal) is the one to pause. */
function isTarget(path) {
  const name = String(path);
  const watched = name.endsWith('.tmp') || name.endsWith('/journal.ndjson');
  if (!match || !name.includes(match) || !watched) return false;
  seen += 1;
  return seen === after;
}

const { open, rename } = fs;
if (at === 'write') {
  fs.open = async (path, flags, mode) => {
    const handle = await open(path, flags, mode);
    if (!isTarget(path)) return handle;
    const writeFile = handle.writeFile.bind(handle);
    handle.writeFile = async (data) => {
      const text = String(data);
      await writeFile(text.slice(0, Math.floor(text.length / 2)));
      await handle.sync();
      return pause('write', path);
    };
    return handle;
  };
} else {
  fs.rename = async (from, to) => {
    if (isTarget(from)) return pause('rename', to);
    return rename(from, to);
  };
}
syncBuiltinESMExports();
