import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FiredFault } from '../shared/faults.js';
import { sendJson } from '../shared/http-server.js';

/** An S3-style XML error body. */
export function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>EMULATOR</RequestId></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Applies the faults every route understands; returns true when the response is finished.
 * Kinds: `http-<status>` (Retry-After from the rule), `http-403-expired` (S3 expiry XML),
 * `http-400-expired-token` (S3's XML for an ended signing session, spec §7 G3),
 * `reset` (connection dropped before any byte), `delay` (waits `delayMs`, then answers normally).
 * Other kinds are left to the route (false is returned).
 */
export async function applyCommonFault(
  res: ServerResponse,
  fired: FiredFault | undefined,
  style: 'json' | 'xml',
): Promise<boolean> {
  if (!fired) return false;
  const { kind, retryAfterSeconds, delayMs } = fired.rule;
  if (kind === 'reset') {
    res.socket?.destroy();
    return true;
  }
  if (kind === 'delay') {
    await delay(delayMs ?? 100);
    return false;
  }
  if (kind === 'http-403-expired') {
    s3Error(res, 403, 'AccessDenied', 'Request has expired');
    return true;
  }
  if (kind === 'http-400-expired-token') {
    s3Error(res, 400, 'ExpiredToken', 'The provided token has expired.');
    return true;
  }
  const status = /^http-(\d{3})$/.exec(kind)?.[1];
  if (!status) return false;
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  if (style === 'xml') {
    if (headers['retry-after']) res.setHeader('retry-after', headers['retry-after']);
    s3Error(res, Number(status), 'InjectedFault', `injected ${kind}`);
  } else {
    sendJson(res, Number(status), { error: `injected_${status}`, status: Number(status) }, headers);
  }
  return true;
}
