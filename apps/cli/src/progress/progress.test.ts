import type { ItemState } from '@q2google/core';
import type { SyncEvent } from '@q2google/core/engine';
import { describe, expect, it } from 'vitest';
import { createPrinter } from '../output/printer.js';
import { colorEnabled, createStyle, stripAnsi } from '../output/style.js';
import { testContext } from '../testing/test-context.js';
import { ProgressModel } from './progress-model.js';
import { createProgressReporter } from './progress-reporter.js';
import { renderPlainLine, renderTtyFrame } from './render-progress.js';

const at = '2025-06-01T00:00:00.000Z';
const item = (key: string, status: ItemState['status'], size: number): ItemState =>
  ({ key, status, size, fileName: `${key}.MP4` }) as ItemState;

function model(clock: { t: number }) {
  const m = new ProgressModel(() => clock.t);
  m.updateUnits([
    item('a', 'created', 1_000_000),
    item('b', 'discovered', 2_000_000),
    item('c', 'discovered', 1_000_000),
    item('d', 'skipped', 9_000_000),
  ]);
  return m;
}

describe('the progress model', () => {
  it('counts units and bytes without skipped units, with rate and ETA from bytes moved', () => {
    const clock = { t: 0 };
    const m = model(clock);
    m.apply({ type: 'unit-started', at, key: 'b', fileName: 'b.MP4', size: 2_000_000, offset: 0 });
    m.apply({ type: 'bytes', at, key: 'b', sent: 500_000, size: 2_000_000 });
    clock.t = 1_000;
    m.apply({ type: 'bytes', at, key: 'b', sent: 1_000_000, size: 2_000_000 });
    expect(m.snapshot()).toMatchObject({
      unitsTotal: 3,
      unitsCreated: 1,
      unitsSkipped: 1,
      bytesTotal: 4_000_000,
      bytesDone: 2_000_000,
      rate: 1_000_000,
      etaMs: 2_000,
      active: [{ key: 'b', sent: 1_000_000 }],
    });
    m.apply({ type: 'unit-done', at, key: 'b', fileName: 'b.MP4', status: 'uploaded' });
    expect(m.snapshot()).toMatchObject({ bytesDone: 3_000_000, unitsUploaded: 2, active: [] });
    expect(renderPlainLine(m.snapshot())).toBe(
      'progress: 1/3 created (2 uploaded) · 3.00 MB of 4.00 MB · 1.00 MB/s · ETA 1 s',
    );
  });

  it('renders a TTY frame with one line per active transfer, and a plain line', () => {
    const clock = { t: 0 };
    const m = model(clock);
    m.apply({ type: 'stage-started', at, stage: 'transfer' });
    m.apply({ type: 'unit-started', at, key: 'c', fileName: 'c.MP4', size: 1_000_000, offset: 0 });
    m.apply({ type: 'bytes', at, key: 'c', sent: 250_000, size: 1_000_000 });
    const frame = renderTtyFrame(m.snapshot(), createStyle(false));
    expect(frame[0]).toContain('1/3 created · 1.25 MB of 4.00 MB');
    expect(frame[1]).toBe('  ↑ c.MP4  25% 250 KB/1.00 MB');
    expect(renderPlainLine(m.snapshot())).toBe(
      'progress: 1/3 created · 1.25 MB of 4.00 MB · 1 transferring',
    );
  });
});

describe('the progress reporter', () => {
  const events: SyncEvent[] = [
    { type: 'stage-started', at, stage: 'discovery' },
    { type: 'discovery-page', at, unitsFound: 4, newUnits: 4 },
    { type: 'stage-started', at, stage: 'transfer' },
  ];

  it('prints a plain line on each tick off a TTY, only when it changed', () => {
    const ctx = testContext();
    const reporter = createProgressReporter(ctx, createPrinter(ctx, mode()));
    for (const event of events) reporter.event(event);
    ctx.tick();
    ctx.tick();
    reporter.stop();
    expect(ctx.err()).toBe('discovery…\ntransfer…\nprogress: 0/0 created · 0 B of 0 B\n');
  });

  it('redraws a live frame in place on a TTY and clears it when done', () => {
    const ctx = testContext({ tty: true });
    const reporter = createProgressReporter(ctx, createPrinter(ctx, mode()));
    for (const event of events) reporter.event(event);
    reporter.units([item('a', 'discovered', 10)]);
    ctx.tick();
    ctx.tick();
    reporter.stop();
    expect(ctx.rawErr().split('\u001b[1A\u001b[0J')).toHaveLength(3);
    expect(ctx.err()).toContain('0/1 created · 0 B of 10 B');
  });

  it('prints events as NDJSON with --json and nothing with --quiet', () => {
    const json = testContext();
    const reporter = createProgressReporter(json, createPrinter(json, mode({ json: true })));
    reporter.event(events[0]!);
    expect(JSON.parse(json.out())).toEqual(events[0]);
    const quiet = testContext();
    const silent = createProgressReporter(quiet, createPrinter(quiet, mode({ quiet: true })));
    silent.event(events[0]!);
    quiet.tick();
    expect(quiet.out() + quiet.err()).toBe('');
  });
});

describe('colour', () => {
  it('is used only on a TTY, never with NO_COLOR or --no-color', () => {
    expect(colorEnabled(true, {}, false)).toBe(true);
    expect(colorEnabled(false, {}, false)).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' }, false)).toBe(false);
    expect(colorEnabled(true, {}, true)).toBe(false);
    expect(stripAnsi(createStyle(true).red('x'))).toBe('x');
    expect(createStyle(true).red('x')).not.toBe('x');
  });
});

function mode(overrides: Partial<{ json: boolean; quiet: boolean }> = {}) {
  return { json: false, quiet: false, verbose: false, color: false, ...overrides };
}
