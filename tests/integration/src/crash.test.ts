import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@q2google/sandbox';
import { createJsonBackend } from '@q2google/state-json';
import { ALL_TIME, expectEachCreatedOnce, startWorld, type World } from '@q2google/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TRIGGERS = ['discovery', 'upload', 'batch', 'time'] as const;
type Trigger = (typeof TRIGGERS)[number];

let world: World;
beforeAll(async () => {
  world = await startWorld({
    gopro: {
      seed: 5,
      library: {
        fixtures: false,
        items: [
          { kind: 'photo', count: 90, size: 60_000 },
          { kind: 'video', count: 3, size: 2_500_000 },
        ],
      },
    },
    google: { seed: 5, granularity: 65_536, uploadBytesPerSecond: 2_000_000 },
    sink: { rawUploadMaxBytes: 100_000 },
  });
});
afterAll(() => world?.close());

/** Runs the child; kills it with SIGKILL when the trigger fires. Resolves to what happened. */
function runChild(
  trigger: Trigger | null,
  random: () => number,
): Promise<{ killed: boolean; complete: boolean; at: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=q2google-source', '--import', 'tsx', CHILD],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: {
        ...process.env,
        Q2G_IT_WIRING: JSON.stringify(world.wiring),
        Q2G_IT_STATE_DIR: world.stateDir,
        Q2G_IT_RANGE: JSON.stringify(ALL_TIME),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let killedAt = '';
  const kill = (at: string) => {
    if (killedAt || child.exitCode !== null) return;
    killedAt = at;
    child.kill('SIGKILL');
  };
  const threshold = 1 + Math.floor(random() * 4);
  let seen = 0;
  let poll: NodeJS.Timeout | undefined;
  if (trigger === 'batch') {
    world.google.inject({
      route: 'gphotos.batchCreate',
      kind: 'slow-response',
      delayMs: 3_000,
      times: 1,
    });
    const before = world.google.inspect().items.length;
    poll = setInterval(() => {
      if (world.google.inspect().items.length > before)
        kill('after a batchCreate applied, before its response');
    }, 2);
  }
  // A random moment, within a bounded amount of work: at a random time, or once a random number
  // of units finished a step, whichever comes first. On a fast machine a time alone lets one run
  // finish much of the library, and the session could complete before enough kills.
  const unitsBeforeKill = 2 + Math.floor(random() * 9);
  let unitsDone = 0;
  if (trigger === 'time') setTimeout(() => kill('at a random time'), 300 + random() * 1_500);
  let complete = false;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const event = JSON.parse(line) as { type: string; stage?: string; complete?: boolean };
    if (event.type === 'exit') complete = event.complete === true;
    if (trigger === 'discovery' && event.type === 'discovery-page' && ++seen >= threshold)
      kill('during discovery');
    if (
      trigger === 'discovery' &&
      (event.type === 'unit-started' || event.type === 'stage-started')
    ) {
      if (event.stage !== 'discovery') kill('at the first step after discovery (it was done)');
    }
    if (trigger === 'upload' && event.type === 'bytes' && ++seen >= threshold * 3)
      kill('mid-upload');
    if (trigger === 'time' && event.type === 'unit-done' && ++unitsDone >= unitsBeforeKill)
      kill('at a random time');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(poll);
      world.google.faults.clear();
      resolve({ killed: killedAt !== '', complete, at: killedAt || 'ran to the end' });
    });
  });
}

describe('a sync killed with SIGKILL at random points', () => {
  it('resumes each time and ends with every unit created exactly once', async () => {
    const random = createRandom(20_261_128);
    const kills: string[] = [];
    for (let attempt = 0; attempt < 30 && kills.length < 12; attempt++) {
      // Each kind of moment once first (discovery is only running at the start), then at random.
      const trigger = TRIGGERS[attempt] ?? TRIGGERS[Math.floor(random() * TRIGGERS.length)]!;
      const outcome = await runChild(trigger, random);
      if (outcome.killed) kills.push(outcome.at);
      const backend = createJsonBackend({ directory: world.stateDir });
      await expect(backend.load('crash')).resolves.not.toBeNull();
      await backend.close?.();
      if (outcome.complete) break;
    }
    const last = await runChild(null, random);
    expect(last.complete).toBe(true);
    expect(kills.length).toBeGreaterThanOrEqual(10);
    expect(new Set(kills.map((k) => k.split(' ')[0]))).toEqual(
      new Set(['during', 'mid-upload', 'after', 'at']),
    );
    expectEachCreatedOnce(world);
  }, 240_000);
});
