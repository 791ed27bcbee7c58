import { formatBytes, formatDuration, truncate } from '../output/format.js';
import type { Style } from '../output/style.js';
import type { ProgressSnapshot } from './progress-model.js';

const MAX_ACTIVE_LINES = 8;

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function overall(s: ProgressSnapshot): string {
  if (s.stage === 'discovery') return `discovering: ${s.unitsFound} units found`;
  const rate = s.rate === undefined ? '' : ` · ${formatBytes(s.rate)}/s`;
  const eta =
    s.etaMs === undefined || s.bytesDone >= s.bytesTotal ? '' : ` · ETA ${formatDuration(s.etaMs)}`;
  const failed = s.unitsFailed > 0 ? ` · ${s.unitsFailed} failed` : '';
  const uploaded = s.unitsUploaded > s.unitsCreated ? ` (${s.unitsUploaded} uploaded)` : '';
  return `${s.unitsCreated}/${s.unitsTotal} created${uploaded} · ${formatBytes(s.bytesDone)} of ${formatBytes(s.bytesTotal)}${rate}${eta}${failed}`;
}

/** The lines of a live TTY frame: an overall bar, then one line per active transfer. */
export function renderTtyFrame(s: ProgressSnapshot, style: Style, columns = 80): string[] {
  const fraction = s.bytesTotal > 0 ? s.bytesDone / s.bytesTotal : 0;
  const lines = [`${style.cyan(bar(fraction, 20))} ${truncate(overall(s), columns - 22)}`];
  for (const transfer of s.active.slice(0, MAX_ACTIVE_LINES)) {
    const pct = transfer.size > 0 ? Math.floor((transfer.sent / transfer.size) * 100) : 100;
    const tail = ` ${String(pct).padStart(3)}% ${formatBytes(transfer.sent)}/${formatBytes(transfer.size)}`;
    const name = truncate(transfer.fileName, Math.max(10, columns - tail.length - 4));
    lines.push(`  ${style.dim('↑')} ${name}${tail}`);
  }
  if (s.active.length > MAX_ACTIVE_LINES) {
    lines.push(style.dim(`  … and ${s.active.length - MAX_ACTIVE_LINES} more`));
  }
  return lines;
}

/** One plain progress line for logs and pipes. */
export function renderPlainLine(s: ProgressSnapshot): string {
  const active = s.active.length > 0 ? ` · ${s.active.length} transferring` : '';
  return `progress: ${overall(s)}${active}`;
}
