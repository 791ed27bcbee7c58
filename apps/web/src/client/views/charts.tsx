/**
 * A run's charts, drawn as plain SVG (no chart library: three small charts do not need one):
 * throughput over time, units by status over time and a per-stage timeline. Each chart has a
 * text alternative: an `aria-label` summary on the figure and its data in a visually hidden table.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LoggedEvent } from '../../shared/api-types.js';
import { type ChartPoint, type RunCharts, runCharts } from '../../shared/run-charts.js';
import { getJson } from '../api.js';

/** One line of a chart. */
interface Series {
  key: string;
  label: string;
  /** A CSS class setting the stroke colour (`c1`…`c4`). */
  tone: string;
}

const W = 600;
const H = 200;
const PAD = { left: 52, right: 12, top: 12, bottom: 28 };

function scale(points: ChartPoint[], series: Series[], duration: number) {
  const maxY = Math.max(1e-9, ...points.flatMap((p) => series.map((s) => p[s.key] ?? 0)));
  const maxX = Math.max(1, duration, ...points.map((p) => p.t));
  const x = (t: number) => PAD.left + (t / maxX) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / maxY) * (H - PAD.top - PAD.bottom);
  return { x, y, maxX, maxY };
}

function short(n: number): string {
  return n >= 100 ? String(Math.round(n)) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** A line chart over seconds since the run started. */
export function LineChart(props: {
  id: string;
  title: string;
  unit: string;
  points: ChartPoint[];
  series: Series[];
  duration: number;
}) {
  const { points, series } = props;
  const { x, y, maxX, maxY } = scale(points, series, props.duration);
  const peak = series
    .map((s) => `${s.label} up to ${short(Math.max(0, ...points.map((p) => p[s.key] ?? 0)))}`)
    .join(', ');
  const summary = `${props.title}: ${points.length} points over ${Math.round(maxX)} s; ${peak} ${props.unit}.`;
  return (
    <figure class="chart" data-testid={`chart-${props.id}`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line
          class="axis"
          x1={PAD.left}
          y1={H - PAD.bottom}
          x2={W - PAD.right}
          y2={H - PAD.bottom}
        />
        <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
        <text class="tick" x={PAD.left - 6} y={PAD.top + 10} text-anchor="end">
          {short(maxY)}
        </text>
        <text class="tick" x={PAD.left - 6} y={H - PAD.bottom} text-anchor="end">
          0
        </text>
        <text class="tick" x={W - PAD.right} y={H - 8} text-anchor="end">
          {Math.round(maxX)} s
        </text>
        {series.map((s) => (
          <g key={s.key} class={`series ${s.tone}`}>
            <polyline
              fill="none"
              points={points.map((p) => `${x(p.t)},${y(p[s.key] ?? 0)}`).join(' ')}
            />
            {points.map((p) => (
              <circle key={p.t} class="point" cx={x(p.t)} cy={y(p[s.key] ?? 0)} r={2.5} />
            ))}
          </g>
        ))}
      </svg>
      <ul class="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span class={`swatch ${s.tone}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <div class="sr-only">
        <table>
          <caption>
            {props.title} ({props.unit})
          </caption>
          <thead>
            <tr>
              <th scope="col">Seconds</th>
              {series.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.t}>
                <td>{p.t}</td>
                {series.map((s) => (
                  <td key={s.key}>{p[s.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** When each stage ran, as bars on the run's time axis. */
export function StageTimeline(props: { charts: RunCharts }) {
  const { stages, duration } = props.charts;
  const end = Math.max(1, duration, ...stages.map((s) => s.end ?? duration));
  const rows = ['discovery', 'transfer', 'create'] as const;
  const x = (t: number) => 90 + (t / end) * (W - 90 - PAD.right);
  const text = stages.map((s) => `${s.stage} ${s.start}–${s.end ?? 'now'} s`).join(', ');
  return (
    <figure class="chart" data-testid="chart-stages">
      <figcaption>Stages</figcaption>
      <svg viewBox={`0 0 ${W} 110`} role="img" aria-label={`Stages: ${text || 'none yet'}.`}>
        {rows.map((stage, row) => (
          <g key={stage}>
            <text class="tick" x={80} y={24 + row * 30} text-anchor="end">
              {stage}
            </text>
            {stages
              .filter((s) => s.stage === stage)
              .map((s) => (
                <rect
                  key={`${stage}-${s.start}`}
                  class={`bar stage-${stage}`}
                  x={x(s.start)}
                  y={10 + row * 30}
                  width={Math.max(3, x(s.end ?? duration) - x(s.start))}
                  height={20}
                />
              ))}
          </g>
        ))}
        <text class="tick" x={W - PAD.right} y={106} text-anchor="end">
          {Math.round(end)} s
        </text>
      </svg>
      <p class="sr-only">{text}</p>
    </figure>
  );
}

/** The charts panel of a session's latest run; reloads when `version` changes. */
export function RunChartsPanel(props: { id: string; version: string; live: LoggedEvent[] }) {
  const [stored, setStored] = useState<LoggedEvent[]>([]);
  useEffect(() => {
    getJson<{ events: LoggedEvent[] }>(`/api/sessions/${encodeURIComponent(props.id)}/events`).then(
      (body) => setStored(body.events),
      () => setStored([]),
    );
  }, [props.id, props.version]);
  const lastStored = stored.at(-1)?.at ?? '';
  const charts = runCharts([...stored, ...props.live.filter((e) => e.at > lastStored)]);
  return (
    <section aria-labelledby="charts-title">
      <h2 id="charts-title">Charts of the latest run</h2>
      {charts ? (
        <div class="charts">
          <LineChart
            id="throughput-mb"
            title="Throughput (MB/s)"
            unit="MB/s"
            points={charts.throughput}
            series={[{ key: 'mbps', label: 'MB/s', tone: 'c1' }]}
            duration={charts.duration}
          />
          <LineChart
            id="throughput-units"
            title="Units uploaded per second"
            unit="units/s"
            points={charts.throughput}
            series={[{ key: 'unitsPerSecond', label: 'units/s', tone: 'c2' }]}
            duration={charts.duration}
          />
          <LineChart
            id="statuses"
            title="Unit states over time"
            unit="units"
            points={charts.statuses}
            series={[
              { key: 'pending', label: 'pending', tone: 'c4' },
              { key: 'uploaded', label: 'uploaded', tone: 'c1' },
              { key: 'created', label: 'created', tone: 'c2' },
              { key: 'failed', label: 'failed', tone: 'c3' },
            ]}
            duration={charts.duration}
          />
          <StageTimeline charts={charts} />
        </div>
      ) : (
        <p class="hint">No run of this session was recorded by this dashboard yet.</p>
      )}
    </section>
  );
}
