import { join } from 'node:path';
import { createHttpDispatcher, Q2gError } from '@q2google/core';
import type { CommandSpec } from '../../command.js';
import { formatBytes } from '../../output/format.js';
import { quoteArg } from '../../run/open-backend.js';
import { sessionContextOf } from '../../run/session-setup.js';
import { runSessionSteps } from '../../run/session-steps.js';
import { createRealClouds } from '../../wiring/real-services.js';
import { type DemoSandbox, type DemoSandboxOptions, startDemoSandbox } from './demo-sandbox.js';

/** Where demo sessions are kept, under the current folder. */
export const DEMO_STATE_DIR = join('.q2google', 'demo');

const DEMO_ALBUM = 'q2google demo';

function wholeNumber(value: unknown, flag: string, fallback: number, min: number, max: number) {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Q2gError('CONFIG_INVALID', `${flag} must be a whole number from ${min} to ${max}.`, {
      hint: `Run \`q2google demo --help\`.`,
    });
  }
  return number;
}

/** A fresh demo session id from the clock: `demo-20250601-081500`. */
export function demoSessionId(now: number): string {
  return `demo-${new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
}

/** `q2google demo`, with the sandbox starter injectable for tests. */
export function createDemoCommand(
  start: (options: DemoSandboxOptions) => Promise<DemoSandbox> = startDemoSandbox,
): CommandSpec {
  return {
    name: 'demo',
    summary: 'run a real sync between local emulators of both clouds (no account needed)',
    usage: 'demo [--items N] [--seed N] [--bandwidth BYTES_PER_S] [--session ID] [--concurrency N]',
    details: [
      '',
      'Starts the GoPro and Google Photos emulators in this process with a generated library',
      '(one item of every GoPro kind plus --items random ones, default 40), then syncs it into',
      `the emulated Google Photos with the JSON state backend under ${DEMO_STATE_DIR}/<session>.`,
      '--bandwidth slows the emulated CDN so the live progress is visible; --session ID resumes',
      'an interrupted demo (the emulated Google library restarts empty, the state does not).',
    ],
    options: {
      items: { type: 'string' },
      seed: { type: 'string' },
      bandwidth: { type: 'string' },
      session: { type: 'string' },
    },
    async run({ ctx, printer, args, config }) {
      const loaded = config();
      const items = wholeNumber(args.values.items, '--items', 40, 0, 10_000);
      const seed = wholeNumber(args.values.seed, '--seed', 1, 0, 2 ** 31 - 1);
      const bandwidth = wholeNumber(args.values.bandwidth, '--bandwidth', 0, 0, 2 ** 40);
      const session = args.values.session;
      const sessionId = typeof session === 'string' ? session : demoSessionId(ctx.clock.now());
      const stateDir = join(DEMO_STATE_DIR, sessionId);
      const sandbox = await start({ items, seed, ...(bandwidth ? { bandwidth } : {}) });
      try {
        printer.line(
          `Sandbox: GoPro emulator ${sandbox.gopro.apiUrl} (${sandbox.gopro.media} media items), Google Photos emulator ${sandbox.gphotos.url}`,
        );
        printer.line(`State: ${stateDir} (JSON backend), session ${sessionId}`);
        const demoConfig = { ...loaded.config, ...sandbox.settings, stateUri: stateDir };
        const resume = `q2google demo --session ${quoteArg(sessionId)}`;
        const context = sessionContextOf(
          { ctx, printer },
          { ...loaded, config: demoConfig },
          { sessionId, range: sandbox.range, album: DEMO_ALBUM },
          {
            // The emulators run in this process: the real clouds straight to them, never
            // through a proxy the user's environment names.
            services: {
              ...ctx.services,
              ...createRealClouds(
                { fetch: ctx.fetch, cwd: ctx.cwd, clock: ctx.clock },
                createHttpDispatcher({}),
              ),
            },
            followUp: { resume, retry: resume },
          },
        );
        const { summary, outcome } = await runSessionSteps(context);
        if (!printer.mode.json) {
          const result = sandbox.result();
          const album = result.albums.find((a) => a.title === DEMO_ALBUM);
          printer.result(
            `Emulated Google Photos now holds ${result.items} items${album ? `, ${album.items} in the album "${DEMO_ALBUM}"` : ''}; ${formatBytes(summary.bytesTransferred)} moved.`,
          );
          printer.line(`Inspect the state with: q2google status ${sessionId} --state ${stateDir}`);
        }
        return outcome;
      } finally {
        await sandbox.close();
      }
    },
  };
}

/** `q2google demo`. */
export const demoCommand = createDemoCommand();
