import type { SessionState } from '../model/session-state.js';
import { CreateStage } from '../stages/create-stage.js';
import { DiscoveryStage } from '../stages/discovery-stage.js';
import { TransferStage } from '../stages/transfer-stage.js';
import { EngineSettings, type SyncEngineOptions } from './engine-options.js';
import { openSession } from './open-session.js';
import { runSession, type SessionRun } from './session-run.js';
import type { SessionStore } from './session-store.js';
import type { SyncRequest } from './sync-request.js';
import type { SyncSummary } from './sync-summary.js';

const TRANSFER_ROUNDS = 3;
/** Uploaded units awaiting create, in batches, before transfer waits for create to catch up. */
const UPLOADED_BACKLOG_BATCHES = 2;

/**
 * The sync engine: runs a session's discovery, transfer and create stages through the ports,
 * with any state backend, and can be killed at any moment and resumed with the same session id.
 */
export class GoProToPhotosSync {
  readonly #settings: EngineSettings;

  constructor(options: SyncEngineOptions) {
    this.#settings = new EngineSettings(options);
  }

  /** Runs (or resumes) a session; resolves to a summary, also when the run stopped early. */
  run(request: SyncRequest, signal?: AbortSignal): Promise<SyncSummary> {
    const settings = this.#settings;
    return runSession(settings, request, signal, async (run) => {
      const { state, resumed } = await openSession(settings, run.request);
      const store = settings.store(state);
      settings.emit({ type: 'session', sessionId: state.id, resumed });
      return {
        work: () => this.#work(store, run),
        close: async () => {
          store.updateMeta({});
          await store.flush({ force: true });
        },
        finalState: async () => store.state,
      };
    });
  }

  /** Discovery, then transfer with create alongside, in rounds while units need a new upload. */
  async #work(store: SessionStore, run: SessionRun): Promise<void> {
    const settings = this.#settings;
    const ctx = settings.context(store, run.signal);
    await new DiscoveryStage(ctx).run();
    if (run.request.dryRun) return;
    const { retryFailed } = run.request;
    // A failure of the background create stage stops the run; it is reported, not the abort.
    const create = new CreateStage(ctx, settings.createOptions(retryFailed), (failure) =>
      run.fail(failure),
    );
    try {
      await create.reconcile();
      // Units a stopped run left uploaded go first, before their tokens expire and before new
      // uploads spend the day's quota.
      await create.send(false);
      const backlog = UPLOADED_BACKLOG_BATCHES * create.batchSize;
      for (let round = 0; round < TRANSFER_ROUNDS; round++) {
        const transfer = new TransferStage(ctx, {
          // A unit retried in this run is not retried again in the same run's later rounds.
          ...settings.retryRules(retryFailed && round === 0),
          concurrency: settings.concurrency,
          onUploaded: () => create.notify(),
          beforeUnit: () => create.room(backlog),
        });
        if (round > 0 && transfer.pending().length === 0) break;
        try {
          await transfer.run();
        } finally {
          run.tally.bytes += transfer.bytesTransferred;
        }
        await create.drain();
        if (round === 0 && !hasReuploads(store.state)) break;
      }
    } finally {
      run.tally.created = create.createdThisRun;
    }
  }
}

/** True when create sent units back for a new upload (token invalid or expired). */
function hasReuploads(state: Readonly<SessionState>): boolean {
  return Object.values(state.items).some(
    (item) =>
      item.status === 'failed' &&
      !item.uploadToken &&
      item.error?.code === 'GPHOTOS_UPLOAD_TOKEN_EXPIRED',
  );
}

/** Runs one sync with a fresh engine: `sync({ source, sink, backend, sessionId, range })`. */
export function sync(
  options: SyncEngineOptions & SyncRequest,
  signal?: AbortSignal,
): Promise<SyncSummary> {
  const { sessionId, range, album, mediaTypes, sourceOptions, retryFailed, dryRun, ...engine } =
    options;
  return new GoProToPhotosSync(engine).run(
    { sessionId, range, album, mediaTypes, sourceOptions, retryFailed, dryRun },
    signal,
  );
}
