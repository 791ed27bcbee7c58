import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ALL_TIME, expectEachCreatedOnce, startWorld, type World } from '@q2google/test-support';
import { afterEach, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));
const run = promisify(execFile);

const DATABASES = [
  { kind: 'postgres', urlEnv: 'Q2G_TEST_POSTGRES_URL', restartMidway: true },
  { kind: 'mongo', urlEnv: 'Q2G_TEST_MONGODB_URL', restartMidway: false },
] as const;

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Restarts the machine's PostgreSQL cluster (the project's own test service). */
async function restartPostgres(): Promise<void> {
  const version = readdirSync('/etc/postgresql')[0]!;
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart']);
}

/**
 * FerretDB keeps its PostgreSQL connections and may stop answering once PostgreSQL restarted
 * under it; the services script notices (its ping has a deadline) and restarts FerretDB.
 */
async function healServices(): Promise<void> {
  const env = { ...process.env };
  delete env.Q2G_TEST_MONGODB_URL;
  delete env.Q2G_TEST_POSTGRES_URL;
  await run('bash', ['scripts/services.sh', 'start'], { cwd: ROOT, env });
}

interface WorkerProcess {
  id: string;
  started: string[];
  done: Promise<{ complete: boolean; killed: boolean }>;
  kill(): void;
}

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function startWorker(
  id: string,
  db: { kind: string; url: string; namespace: string },
  onEvent: (worker: WorkerProcess, event: { type: string; key?: string }) => void,
): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=q2google-source', '--import', 'tsx', CHILD],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        Q2G_IT_WIRING: JSON.stringify(world!.wiring),
        Q2G_IT_BACKEND: db.kind,
        Q2G_IT_DB_URL: db.url,
        Q2G_IT_NAMESPACE: db.namespace,
        Q2G_IT_WORKER: id,
        Q2G_IT_RANGE: JSON.stringify(ALL_TIME),
        Q2G_IT_LEASE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let killed = false;
  let complete = false;
  const worker: WorkerProcess = {
    id,
    started: [],
    kill: () => {
      killed = true;
      child.kill('SIGKILL');
    },
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', () => resolve({ complete, killed }));
    }),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const event = JSON.parse(line) as { type: string; key?: string; complete?: boolean };
    if (event.type === 'exit') complete = event.complete === true;
    if (event.type === 'unit-started' && event.key) worker.started.push(event.key);
    onEvent(worker, event);
  });
  return worker;
}

describe.each(DATABASES)(
  'three worker processes on one $kind session',
  ({ kind, urlEnv, ...db }) => {
    const url = process.env[urlEnv];
    // Only the machine's own PostgreSQL can be restarted by the test.
    const restartMidway = db.restartMidway && /@(127\.0\.0\.1|localhost)[:/]/.test(url ?? '');
    const missing = `${urlEnv} is not set: run \`eval "$(bash scripts/services.sh start)"\` first`;
    if (!url && process.env.CI !== 'true')
      console.warn(
        `\n${'='.repeat(70)}\n  ${kind} worker test SKIPPED: ${missing}\n${'='.repeat(70)}\n`,
      );

    it.skipIf(!url && process.env.CI !== 'true')(
      `share the work, finish a killed worker's units${restartMidway ? ', and ride out a database restart' : ''}`,
      async () => {
        if (!url) throw new Error(missing);
        world = await startWorld({
          gopro: {
            seed: 9,
            library: {
              fixtures: false,
              items: [
                { kind: 'photo', count: 60, size: 60_000 },
                { kind: 'video', count: 2, size: 2_500_000 },
              ],
            },
          },
          google: { seed: 9, granularity: 65_536, uploadBytesPerSecond: 2_000_000 },
          sink: { rawUploadMaxBytes: 100_000 },
        });
        const db = { kind, url, namespace: `it_${randomBytes(4).toString('hex')}` };
        let unitsDone = 0;
        let restart: Promise<void> | undefined;
        const workers = ['a', 'b', 'c'].map((id) =>
          startWorker(id, db, (worker, event) => {
            if (worker.id === 'a' && event.type === 'unit-started') worker.kill();
            if (event.type === 'unit-done' && ++unitsDone === 20 && restartMidway)
              restart = restartPostgres();
          }),
        );
        const outcomes = await Promise.all(workers.map((w) => w.done));
        await restart;
        if (restart) await healServices();
        expect(outcomes[0]).toMatchObject({ killed: true });
        expect(outcomes.slice(1)).toEqual([
          { complete: true, killed: false },
          { complete: true, killed: false },
        ]);
        expect(workers[0]!.started.length).toBeGreaterThan(0);
        if (restartMidway) expect(restart).toBeDefined();
        expectEachCreatedOnce(world);
      },
      180_000,
    );
  },
);
