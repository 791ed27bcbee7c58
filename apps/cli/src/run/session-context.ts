import type { SyncRequest } from '@q2google/core/engine';
import type { CliContext } from '../context.js';
import type { Printer } from '../output/printer.js';
import type { Services } from '../services.js';
import type { CliLoadedConfig } from '../wiring/cli-settings.js';

/**
 * What one run of a session works with. The steps (open state → open clouds → run → report)
 * each take `Pick<SessionContext, …>` of what they use.
 */
export interface SessionContext
  extends Pick<CliContext, 'stderr' | 'clock' | 'onInterrupt' | 'exit'> {
  printer: Printer;
  loaded: CliLoadedConfig;
  /** Opens the state backend and the clouds (the CLI's services, or the demo's sandbox). */
  services: Services;
  request: SyncRequest;
  /** Run as one of several workers sharing the session (backends with leases only). */
  worker?: { workerId?: string };
  /** Sleep until a daily-quota stop's reset and run again, instead of stopping. */
  waitForQuota?: boolean;
  /** The commands that continue the session, for the last line. */
  followUp: { resume: string; retry: string };
}
