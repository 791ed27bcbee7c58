import type { ItemState } from '@q2google/core';
import type { SyncEvent } from '@q2google/core/engine';
import type { CliContext } from '../context.js';
import type { Printer } from '../output/printer.js';
import { ProgressModel } from './progress-model.js';
import { renderPlainLine, renderTtyFrame } from './render-progress.js';

/** How often a TTY frame is redrawn, and how often a plain line is printed off a TTY. */
export const TTY_REFRESH_MS = 120;
export const PLAIN_INTERVAL_MS = 5_000;

/** Receives what a run reports and shows it the way the output mode asks. */
export interface ProgressReporter {
  /** Units as the backend stored them (from `observeBackend`). */
  units(items: Iterable<ItemState>): void;
  /** One engine event. */
  event(event: SyncEvent): void;
  /** A message printed above the live frame (e.g. "stopping…"). */
  note(text: string): void;
  /** Stops timers and clears the live frame. */
  stop(): void;
}

/**
 * `--json`: every event as one NDJSON line. `--quiet`: nothing. On a TTY: a live frame redrawn
 * in place. Otherwise: a plain line every few seconds plus one per stage.
 */
export function createProgressReporter(
  ctx: Pick<CliContext, 'stderr' | 'clock'>,
  printer: Printer,
): ProgressReporter {
  const model = new ProgressModel(ctx.clock.now);
  const { mode } = printer;
  if (mode.json || mode.quiet) {
    return {
      units: () => {},
      event: (event) => printer.json(event),
      note: (text) => printer.line(text),
      stop: () => {},
    };
  }
  if (ctx.stderr.isTTY) return ttyReporter(ctx, printer, model);
  let last = '';
  let stage = '';
  const tick = () => {
    const line = renderPlainLine(model.snapshot());
    if (line !== last) printer.frame(`${line}\n`);
    last = line;
  };
  const cancel = ctx.clock.every(PLAIN_INTERVAL_MS, tick);
  return {
    units: (items) => model.updateUnits(items),
    event: (event) => {
      model.apply(event);
      if (event.type === 'stage-started' && event.stage !== stage) {
        stage = event.stage;
        printer.frame(`${stage}…\n`);
      }
      if (event.type === 'warning') printer.warn(`warning: ${event.message}`);
    },
    note: (text) => printer.frame(`${text}\n`),
    stop: () => {
      cancel();
      if (model.snapshot().stage !== 'starting') tick();
    },
  };
}

function ttyReporter(
  ctx: Pick<CliContext, 'stderr' | 'clock'>,
  printer: Printer,
  model: ProgressModel,
): ProgressReporter {
  let drawn = 0;
  const clear = () => {
    if (drawn > 0) printer.frame(`\u001b[${drawn}A\u001b[0J`);
    drawn = 0;
  };
  const draw = () => {
    const width = ctx.stderr.columns;
    const columns = width !== undefined && width >= 40 ? width : 80;
    const lines = renderTtyFrame(model.snapshot(), printer.style, columns);
    clear();
    printer.frame(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const above = (text: string) => {
    clear();
    printer.frame(`${text}\n`);
    draw();
  };
  const cancel = ctx.clock.every(TTY_REFRESH_MS, draw);
  return {
    units: (items) => model.updateUnits(items),
    event: (event) => {
      model.apply(event);
      if (event.type === 'warning') above(printer.style.yellow(`warning: ${event.message}`));
    },
    note: above,
    stop: () => {
      cancel();
      clear();
    },
  };
}
