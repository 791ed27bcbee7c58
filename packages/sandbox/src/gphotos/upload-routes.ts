import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBodyStreaming } from './body-reader.js';
import type { EmulatorContext } from './context.js';
import { admit, drain } from './guard.js';
import { dropConnection, sendBareStatus } from './responses.js';
import { ROUTE_SCOPES } from './scopes.js';
import { UploadSession } from './upload-session.js';

/** The upload commands of a request, split on commas and trimmed (`upload,finalize` too). */
export function parseCommands(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
}

/** Largest size accepted for a MIME type (photo vs video limit). */
export function sizeLimit(ctx: EmulatorContext, mimeType: string): number {
  return mimeType.startsWith('image/') ? ctx.options.maxPhotoBytes : ctx.options.maxVideoBytes;
}

function tooLarge(ctx: EmulatorContext, res: ServerResponse, mimeType: string): void {
  const limit = sizeLimit(ctx, mimeType);
  const gb = limit >= 1e9 ? `${limit / 1e9} GB` : `${limit / 1e6} MB`;
  res.setHeader('connection', 'close');
  sendBareStatus(res, 413, 3, `The request exceeded the max file size limit of ${gb}.`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `POST /v1/uploads`: a raw upload, or the start of a resumable session. */
export async function handleUploadStart(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const admitted = admit(ctx, req, res, 'gphotos.upload', ROUTE_SCOPES.write, {
    uploadShape: true,
  });
  if (!admitted) return;
  const protocol = header(req, 'x-goog-upload-protocol')?.trim().toLowerCase();
  const mimeType = header(req, 'x-goog-upload-content-type') ?? 'application/octet-stream';
  const fileName = header(req, 'x-goog-upload-file-name');
  const clientId = admitted.grant.clientId;
  const kind = admitted.fault?.rule.kind;
  if (protocol === 'resumable') {
    drain(req);
    const commands = parseCommands(req.headers['x-goog-upload-command']);
    const rawSize = Number(header(req, 'x-goog-upload-raw-size'));
    if (!commands.includes('start') || !Number.isSafeInteger(rawSize) || rawSize < 0) {
      sendBareStatus(res, 400, 3, 'A resumable start needs X-Goog-Upload-Raw-Size.');
      return;
    }
    if (rawSize > sizeLimit(ctx, mimeType)) return tooLarge(ctx, res, mimeType);
    const { granularity, sessionTtlMs } = ctx.options;
    const expiresAt = ctx.now() + sessionTtlMs;
    const session = new UploadSession(
      rawSize,
      mimeType,
      fileName,
      clientId,
      granularity,
      expiresAt,
    );
    ctx.sessions.set(session.id, session);
    res.writeHead(200, {
      'x-goog-upload-url': `${ctx.uploadBaseUrl}/v1/uploads?upload_id=${session.id}&upload_protocol=resumable`,
      'x-goog-upload-chunk-granularity': String(granularity),
      'x-goog-upload-status': 'active',
      'content-length': 0,
    });
    res.end();
    return;
  }
  if (protocol !== 'raw') {
    drain(req);
    sendBareStatus(res, 400, 3, 'X-Goog-Upload-Protocol must be raw or resumable.');
    return;
  }
  const declared = Number(header(req, 'content-length') ?? Number.NaN);
  if (declared > sizeLimit(ctx, mimeType)) {
    drain(req);
    return tooLarge(ctx, res, mimeType);
  }
  const hash = createHash('sha256');
  const outcome = await readBodyStreaming(req, (chunk) => hash.update(chunk), {
    bytesPerSecond: ctx.options.uploadBytesPerSecond,
    dropAfterBytes:
      kind === 'drop-after-bytes' ? (admitted.fault?.rule.afterBytes ?? 0) : undefined,
  });
  if (!outcome.complete) return;
  if (outcome.bytes === 0) return sendBareStatus(res, 400, 3, 'Payload must not be empty');
  if (outcome.bytes > sizeLimit(ctx, mimeType)) return tooLarge(ctx, res, mimeType);
  const entry = ctx.tokens.issue(
    { sha256: hash.digest('hex'), size: outcome.bytes, mimeType, fileName, clientId },
    kind === 'expire-token',
  );
  if (kind === 'lost-response') return dropConnection(res);
  sendToken(ctx, res, entry.token);
}

function sendToken(ctx: EmulatorContext, res: ServerResponse, token: string): void {
  res.writeHead(200, {
    'content-type': ctx.options.tokenContentType,
    'content-length': Buffer.byteLength(token),
    'x-goog-upload-status': 'final',
  });
  res.end(token);
}
