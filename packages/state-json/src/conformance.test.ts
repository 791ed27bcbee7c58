import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { runStateBackendConformance } from '@q2google/state-conformance';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createJsonBackend } from './index.js';
import {
  inspectSession,
  spawnIdleProcess,
  tempStateRoot,
  truncateMeta,
  writeMetaRaw,
} from './test-support.js';

const root = await tempStateRoot();
const dirFor = (namespace: string) => join(root, namespace);
// A regular file where a folder should be: nothing can be stored below it.
const notAFolder = join(root, 'not-a-folder');
await writeFile(notAFolder, 'a file');
let other: ChildProcess | undefined;
afterAll(() => {
  other?.kill();
});

runStateBackendConformance(
  { test, describe, expect, beforeEach, afterEach },
  {
    name: 'state-json',
    create: async ({ namespace }) => createJsonBackend({ directory: dirFor(namespace) }),
    reopen: async ({ namespace }) => createJsonBackend({ directory: dirFor(namespace) }),
    concurrentOpen: async ({ namespace }) => {
      other ??= spawnIdleProcess();
      return createJsonBackend({
        directory: dirFor(namespace),
        lockOwner: { pid: other.pid!, hostname: hostname() },
      });
    },
    inspect: async ({ namespace }, id) => inspectSession(join(dirFor(namespace), id)),
    unreachable: {
      open: async () => createJsonBackend({ directory: join(notAFolder, 'state') }),
      codes: ['BACKEND_WRITE_FAILED'],
      mentions: join(notAFolder, 'state'),
    },
    corrupt: async ({ namespace }, id) => truncateMeta(join(dirFor(namespace), id)),
    writeForeign: async ({ namespace }, id, document) =>
      writeMetaRaw(join(dirFor(namespace), id), document),
  },
);
