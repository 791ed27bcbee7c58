import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStateBackendConformance } from '@q2google/state-conformance';
import { describe, expect, test } from 'vitest';
import { createLinesBackend } from './index.js';

const root = join(tmpdir(), `q2g-lines-${process.pid}-${Date.now()}`);
const fileOf = (namespace: string, id: string) => join(root, namespace, `${id}.jsonl`);
// A regular file where the folder should be: nothing can be stored below it.
const notAFolder = join(root, 'not-a-folder');
await mkdir(root, { recursive: true });
await writeFile(notAFolder, 'a file');

runStateBackendConformance(
  { test, describe, expect },
  {
    name: 'q2google-state-lines',
    create: async ({ namespace }) => createLinesBackend({ directory: join(root, namespace) }),
    reopen: async ({ namespace }) => createLinesBackend({ directory: join(root, namespace) }),
    corrupt: async ({ namespace }, id) => {
      const text = await readFile(fileOf(namespace, id), 'utf8');
      await writeFile(fileOf(namespace, id), `${text.slice(0, 30)}\n${text.slice(60)}`);
    },
    unreachable: {
      open: async () => createLinesBackend({ directory: join(notAFolder, 'state') }),
      mentions: join(notAFolder, 'state'),
    },
    writeForeign: async ({ namespace }, id, document) => {
      await writeFile(
        fileOf(namespace, id),
        `${JSON.stringify({ type: 'meta', meta: document })}\n`,
      );
    },
  },
);
