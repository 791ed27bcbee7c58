import type { IncomingMessage } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/** How a streamed request body ended. */
export interface BodyOutcome {
  /** True when the whole body arrived; false on a client abort or an injected drop. */
  complete: boolean;
  bytes: number;
}

/**
 * Streams a request body into `onData` without keeping it. `bytesPerSecond` throttles reading
 * (TCP back-pressure slows the sender); `dropAfterBytes` hands over that many bytes and then
 * destroys the connection, as a network failure would.
 */
export async function readBodyStreaming(
  req: IncomingMessage,
  onData: (chunk: Buffer) => void,
  options: { bytesPerSecond?: number; dropAfterBytes?: number } = {},
): Promise<BodyOutcome> {
  const started = Date.now();
  let bytes = 0;
  const limit = options.dropAfterBytes;
  try {
    for await (const raw of req as AsyncIterable<Buffer>) {
      let chunk = raw;
      if (limit !== undefined && bytes + chunk.length >= limit) {
        chunk = chunk.subarray(0, limit - bytes);
        if (chunk.length > 0) onData(chunk);
        bytes += chunk.length;
        req.socket.destroy();
        return { complete: false, bytes };
      }
      onData(chunk);
      bytes += chunk.length;
      if (options.bytesPerSecond) {
        const due = started + (bytes / options.bytesPerSecond) * 1000;
        const wait = due - Date.now();
        if (wait > 1) await delay(wait);
      }
    }
  } catch {
    return { complete: false, bytes };
  }
  return { complete: req.complete, bytes };
}
