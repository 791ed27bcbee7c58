/**
 * Runs syncs inside the web server: at most one run per session, each with its own abort
 * controller. Engine events become live progress (throttled for byte counts) and entries of the
 * session's event log, and are pushed to every subscriber (the Server-Sent Events streams).
 * No sync logic lives here: the engine in core does the work.
 */
import { isQ2gError, Q2gError, redactSecrets } from '@q2google/core';
import {
  GoProToPhotosSync,
  type SyncEngineOptions,
  type SyncEvent,
  type SyncRequest,
} from '@q2google/core/engine';
import type { GooglePhotosSink } from '@q2google/sink-gphotos';
import type { LoggedEvent, RunState, StreamMessage } from '../../shared/api-types.js';
import {
  applySyncEvent,
  finishProgress,
  type RunProgress,
  sampleOf,
  startProgress,
} from '../../shared/run-progress.js';
import type { Connections } from '../accounts/connections.js';
import type { BackendAccess } from '../backend-access.js';
import { ByteLedger } from './byte-ledger.js';
import type { EventLog } from './event-log.js';

/** Options of {@link RunManager}. */
export interface RunManagerOptions {
  access: BackendAccess;
  connections: Connections;
  log: EventLog;
  /** Engine tuning from the settings (`engineOptionsOf`: transfers at once, tries per unit). */
  engine?: Partial<Pick<SyncEngineOptions, 'concurrency' | 'maxAttempts'>>;
  /** Least time between two progress messages of one run (default 200 ms). */
  progressIntervalMs?: number;
  /** Least time between two logged progress samples of one run (default 1 s). */
  sampleIntervalMs?: number;
  /** Told about every Google request of a run and every unit created (the quota gauge). */
  quota?: { request(): void; unitCreated(): void };
}

interface ActiveRun {
  progress: RunProgress;
  bytes: ByteLedger;
  /** Resolves once the session is saved (the engine's `session` event) or the run ended. */
  ready: () => void;
  controller: AbortController;
  done: Promise<void>;
  /** The load of the session's units after discovery (awaited before the run ends). */
  baseline?: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  /** When the last progress sample was logged (ms). */
  sampledAt: number;
}

type Listener = (message: StreamMessage) => void;

/** Starts, cancels and reports the runs of this server. */
export class RunManager {
  readonly #options: RunManagerOptions;
  readonly #runs = new Map<string, ActiveRun>();
  readonly #ended = new Map<string, RunProgress>();
  readonly #listeners = new Set<Listener>();

  constructor(options: RunManagerOptions) {
    this.#options = options;
  }

  /**
   * Starts a run of `request` (a new session or a resume). Resolves once the clients are built,
   * so a missing account is reported to the caller; the run itself continues in the background.
   */
  async start(request: SyncRequest): Promise<RunProgress> {
    const { sessionId } = request;
    if (this.#runs.has(sessionId)) {
      throw new Q2gError('SYNC_SESSION_MISMATCH', `Session "${sessionId}" is already running.`, {
        hint: 'Wait for it to finish or cancel it first.',
      });
    }
    const clients = await this.#options.connections.clients();
    const controller = new AbortController();
    let ready!: () => void;
    const saved = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const run: ActiveRun = {
      progress: startProgress(sessionId, new Date().toISOString()),
      bytes: new ByteLedger(),
      sampledAt: 0,
      ready,
      controller,
      done: Promise.resolve(),
    };
    this.#runs.set(sessionId, run);
    this.#ended.delete(sessionId);
    this.#record(sessionId, { type: 'run', at: run.progress.startedAt, state: 'running' });
    run.done = this.#execute(request, run, clients).finally(() => {
      run.ready();
      return clients.close?.();
    });
    this.#publish({ kind: 'progress', run: run.progress });
    // Answer once the session exists, so the caller can open it at once.
    await saved;
    return run.progress;
  }

  /** Asks a running session to stop (it saves and ends cleanly); false when none runs. */
  cancel(sessionId: string): boolean {
    const run = this.#runs.get(sessionId);
    if (!run) return false;
    run.controller.abort(new Q2gError('SYNC_ABORTED', 'Cancelled from the dashboard.'));
    return true;
  }

  /** The progress of the session's run in this server (running or ended), if any. */
  progress(sessionId: string): RunProgress | null {
    return this.#runs.get(sessionId)?.progress ?? this.#ended.get(sessionId) ?? null;
  }

  /** Waits for the session's run in this server to end; its final progress (null: none ran). */
  async finished(sessionId: string): Promise<RunProgress | null> {
    await this.#runs.get(sessionId)?.done;
    return this.progress(sessionId);
  }

  /** The progress of every run this server started. */
  all(): RunProgress[] {
    return [...[...this.#runs.values()].map((r) => r.progress), ...this.#ended.values()];
  }

  /** The state of the session's run in this server, if any. */
  stateOf(sessionId: string): RunState | null {
    return this.progress(sessionId)?.state ?? null;
  }

  /** Receives every progress message and logged event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when every current run has ended. */
  async idle(): Promise<void> {
    await Promise.all([...this.#runs.values()].map((r) => r.done));
  }

  /** Cancels every run and waits for them to save and end. */
  async shutdown(): Promise<void> {
    for (const id of this.#runs.keys()) this.cancel(id);
    await this.idle();
  }

  async #execute(
    request: SyncRequest,
    run: ActiveRun,
    clients: Awaited<ReturnType<Connections['clients']>>,
  ): Promise<void> {
    const { sessionId } = request;
    const { access } = this.#options;
    let state: Exclude<RunState, 'running'> = 'failed';
    let message: string | undefined;
    const quota = this.#options.quota;
    const sink = clients.sink as Partial<Pick<GooglePhotosSink, 'onRequest'>>;
    const stopCounting =
      quota && sink.onRequest ? sink.onRequest(() => quota.request()) : undefined;
    try {
      const backend = await access.forRun(sessionId);
      const engine = new GoProToPhotosSync({
        source: clients.source,
        sink: clients.sink,
        backend,
        ...this.#options.engine,
        onEvent: (event) => this.#onEvent(run, event),
      });
      const summary = await engine.run(request, run.controller.signal);
      if (!summary.stopped) state = 'finished';
      else if (summary.stopped.code === 'SYNC_ABORTED') state = 'cancelled';
      else state = 'stopped';
      message = summary.stopped?.message;
    } catch (error) {
      message = isQ2gError(error) ? error.userMessage : 'The run failed unexpectedly.';
    } finally {
      stopCounting?.();
      await run.baseline;
      await access.releaseRun(sessionId).catch(() => {});
    }
    const at = new Date().toISOString();
    const safe = message === undefined ? undefined : this.#redact(message);
    clearTimeout(run.timer);
    this.#sample(run, true);
    run.progress = finishProgress(run.progress, state, at, safe);
    this.#runs.delete(sessionId);
    this.#ended.set(sessionId, run.progress);
    this.#record(sessionId, {
      type: 'run',
      at,
      state,
      ...(safe !== undefined ? { message: safe } : {}),
    });
    this.#publish({ kind: 'progress', run: run.progress });
  }

  #onEvent(run: ActiveRun, event: SyncEvent): void {
    run.progress = applySyncEvent(run.progress, event);
    if (run.bytes.apply(event)) this.#countBytes(run);
    if (event.type === 'session') run.ready();
    if (event.type === 'unit-done' && event.status === 'created')
      this.#options.quota?.unitCreated();
    if (event.type === 'bytes') {
      this.#scheduleProgress(run);
      return;
    }
    this.#record(run.progress.sessionId, event);
    // The units are known once discovery ends (or, resuming a discovered session, at transfer).
    const discovered =
      (event.type === 'stage-done' && event.stage === 'discovery') ||
      (event.type === 'stage-started' && event.stage !== 'discovery');
    if (discovered && !run.baseline) run.baseline = this.#loadBaseline(run);
    clearTimeout(run.timer);
    run.timer = undefined;
    this.#sample(run, event.type === 'stage-started' || event.type === 'summary');
    this.#publish({ kind: 'progress', run: run.progress });
  }

  /**
   * Logs the run's counters, at most once per sample interval unless `force`. The interval
   * grows with the run's age (1/200 of it), so a long run logs a few hundred samples, not one a
   * second.
   */
  #sample(run: ActiveRun, force: boolean): void {
    const now = Date.now();
    const age = now - Date.parse(run.progress.startedAt);
    const interval = Math.max(this.#options.sampleIntervalMs ?? 1000, age / 200);
    if (!force && now - run.sampledAt < interval) return;
    run.sampledAt = now;
    this.#record(run.progress.sessionId, sampleOf(run.progress, new Date(now).toISOString()));
  }

  /** Once discovery ends: how many units were already settled and how many bytes remain. */
  async #loadBaseline(run: ActiveRun): Promise<void> {
    const { sessionId } = run.progress;
    const state = await this.#options.access
      .read((backend) => backend.load(sessionId), sessionId)
      .catch(() => null);
    if (!state || !this.#runs.has(sessionId)) return;
    // Units created before this run started (and skipped ones) were settled already.
    const startedAt = run.progress.startedAt;
    const items = Object.values(state.items);
    let settled = 0;
    for (const item of items) {
      const before = item.status === 'created' && (item.createdAt ?? '') < startedAt;
      if (before || item.status === 'skipped') settled += 1;
    }
    run.bytes.seed(items, startedAt);
    run.progress = { ...run.progress, settled };
    this.#countBytes(run);
    this.#publish({ kind: 'progress', run: run.progress });
  }

  #countBytes(run: ActiveRun): void {
    run.progress = {
      ...run.progress,
      bytesSent: run.bytes.sent,
      bytesToSend: run.bytes.total,
    };
  }

  #scheduleProgress(run: ActiveRun): void {
    if (run.timer) return;
    run.timer = setTimeout(() => {
      run.timer = undefined;
      if (this.#runs.get(run.progress.sessionId) === run) {
        this.#sample(run, false);
        this.#publish({ kind: 'progress', run: run.progress });
      }
    }, this.#options.progressIntervalMs ?? 200);
  }

  #record(sessionId: string, event: LoggedEvent): void {
    const safe = JSON.parse(this.#redact(JSON.stringify(event))) as LoggedEvent;
    this.#options.log.append(sessionId, safe);
    this.#publish({ kind: 'event', sessionId, event: safe });
  }

  #redact(text: string): string {
    return redactSecrets(text, this.#options.connections.secrets());
  }

  #publish(message: StreamMessage): void {
    for (const listener of this.#listeners) {
      try {
        listener(message);
      } catch {
        // A broken stream must not stop the run.
      }
    }
  }
}
