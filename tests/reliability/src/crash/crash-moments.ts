/**
 * The moments a crash test kills the CLI at, and a seeded schedule of them. Each moment arms one
 * trigger for one run of `q2google sync --json`; the trigger watches the NDJSON events (or the
 * emulators, or the write hook's marker) and SIGKILLs the process when it fires.
 */
import { createRandom } from '@q2google/sandbox';
import type { BackendKind } from '../support/backends.js';

/** Where in a sync a kill lands. */
export type CrashMoment =
  /** After the N-th discovery page was saved (discovery resumes from the saved cursor). */
  | 'discovery'
  /** After the N-th unit started transferring. */
  | 'transfer'
  /**
   * Right after the N-th unit was reported uploaded: a lane does not wait for that save, so
   * its state is usually still waiting for the next coalesced save (between two flushes).
   */
  | 'uploaded-unsaved'
  /** Inside a resumable upload of a large video, once a random share of it was sent. */
  | 'mid-upload'
  /** After a batchCreate was applied by Google, before its response arrived. */
  | 'create-unanswered'
  /** After the N-th unit was recorded as created. */
  | 'create-recorded'
  /** At a random time after the process started. */
  | 'random-time'
  /** JSON backend: half of a save journal line appended, the write frozen. */
  | 'json-mid-write'
  /** JSON backend: a checkpointed session file complete and fsynced, the rename not yet done. */
  | 'json-before-rename';

/** One planned kill: the moment and a seeded threshold (N, a share, or milliseconds). */
export interface PlannedKill {
  moment: CrashMoment;
  /** N for counting moments; the share of the file for `mid-upload`; ms for `random-time`. */
  threshold: number;
}

const LATER_MOMENTS: Record<BackendKind, CrashMoment[]> = {
  json: [
    'transfer',
    'transfer',
    'transfer',
    'mid-upload',
    'mid-upload',
    'create-unanswered',
    'create-unanswered',
    'create-unanswered',
    'create-recorded',
    'create-recorded',
    'random-time',
    'random-time',
    'random-time',
    'random-time',
    'json-mid-write',
    'json-mid-write',
    'json-mid-write',
    'json-before-rename',
    'json-before-rename',
    'json-before-rename',
    'uploaded-unsaved',
    'random-time',
  ],
  postgres: [],
  mongo: [],
};
LATER_MOMENTS.postgres = LATER_MOMENTS.json.map((m) =>
  m === 'json-mid-write' ? 'transfer' : m === 'json-before-rename' ? 'random-time' : m,
);
LATER_MOMENTS.mongo = LATER_MOMENTS.postgres;

/** Kills at the start of discovery, before anything else can run. */
export const DISCOVERY_KILLS = 3;

function thresholdFor(moment: CrashMoment, random: () => number): number {
  switch (moment) {
    case 'discovery':
      return 1 + Math.floor(random() * 8);
    case 'mid-upload':
      return 0.1 + random() * 0.8;
    case 'random-time':
      return 50 + Math.floor(random() * 900);
    case 'create-recorded':
      return 1 + Math.floor(random() * 45);
    case 'json-mid-write':
      // The N-th save of the run (one journal append each).
      return 1 + Math.floor(random() * 8);
    case 'json-before-rename':
      // The N-th file put in place in the session folder by a checkpoint (the journal folded at
      // a load after a kill, at its bound, at the end of a run). The check between runs loads
      // the session, which folds the journal, so in a killed run this often falls back to a
      // kill at a random time; state-json's journal tests cover a checkpoint cut short.
      return 1 + Math.floor(random() * 12);
    default:
      return 1 + Math.floor(random() * 12);
  }
}

/**
 * The seeded kill schedule of a backend: discovery first (it only runs at the start), then the
 * later moments in a seeded order, each with a seeded threshold.
 */
export function crashSchedule(kind: BackendKind, seed: number): PlannedKill[] {
  const random = createRandom(seed);
  const later = [...LATER_MOMENTS[kind]];
  for (let i = later.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [later[i], later[j]] = [later[j]!, later[i]!];
  }
  const moments: CrashMoment[] = [
    ...Array.from({ length: DISCOVERY_KILLS }, () => 'discovery' as const),
    ...later,
  ];
  return moments.map((moment) => ({ moment, threshold: thresholdFor(moment, random) }));
}
