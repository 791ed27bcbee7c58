import type { SyncSummary } from '@q2google/core/engine';
import { type Outcome, SUCCESS } from '../outcome.js';
import { plural } from '../output/format.js';

/** How a run's summary ends the command, with the command that continues it. */
export function sessionOutcome(
  summary: SyncSummary,
  commands: { resume: string; retry: string },
): Outcome {
  const { stopped } = summary;
  if (stopped?.code === 'SYNC_ABORTED') {
    return {
      kind: 'stopped',
      code: stopped.code,
      message: `Interrupted; state is saved. Resume with: ${commands.resume}`,
    };
  }
  if (stopped) {
    const when = stopped.resumeAt ? ` after ${stopped.resumeAt}` : '';
    return {
      kind: 'stopped',
      code: stopped.code,
      message: `${stopped.message} State is saved; resume${when} with: ${commands.resume}`,
    };
  }
  const failed = summary.failures.reduce((n, group) => n + group.count, 0);
  if (failed > 0) {
    return {
      kind: 'partial',
      message: `${plural(failed, 'unit')} failed. Try them again with: ${commands.retry}`,
    };
  }
  if (!summary.complete) {
    return {
      kind: 'partial',
      message: `The session is not complete yet. Continue with: ${commands.resume}`,
    };
  }
  return SUCCESS;
}
