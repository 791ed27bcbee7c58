import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBodyStreaming } from './body-reader.js';
import type { EmulatorContext } from './context.js';
import { admit, drain } from './guard.js';
import { dropConnection, sendBareStatus } from './responses.js';
import { ROUTE_SCOPES } from './scopes.js';
import { parseCommands } from './upload-routes.js';
import type { UploadSession } from './upload-session.js';

/** `POST <session URL>`: `upload`, `upload, finalize`, `finalize`, `query` or `cancel`. */
export async function handleSessionCommand(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  uploadId: string,
): Promise<void> {
  const admitted = admit(ctx, req, res, 'gphotos.uploadChunk', ROUTE_SCOPES.write, {
    uploadShape: true,
  });
  if (!admitted) return;
  const session = ctx.sessions.get(uploadId);
  if (!session || session.clientId !== admitted.grant.clientId || session.expiresAt <= ctx.now()) {
    drain(req);
    return sendBareStatus(res, 404, 5, 'Upload session not found.');
  }
  if (session.inFlight) {
    // The client gave up on an earlier request the server still reads: cut it off first.
    session.inFlight.abort();
    await session.inFlight.done;
  }
  const commands = parseCommands(req.headers['x-goog-upload-command']);
  if (commands.includes('query') || commands.includes('cancel')) {
    drain(req);
    if (commands.includes('cancel') && session.status === 'active') session.status = 'cancelled';
    return sendStatus(res, session);
  }
  if (session.status !== 'active') {
    drain(req);
    res.setHeader('x-goog-upload-status', session.status);
    return sendBareStatus(res, 400, 9, 'The upload session is no longer active.');
  }
  const upload = commands.includes('upload');
  const finalize = commands.includes('finalize');
  if (!upload && !finalize) {
    drain(req);
    return sendBareStatus(res, 400, 3, 'Unknown X-Goog-Upload-Command.');
  }
  const fault = admitted.fault?.rule;
  if (upload) {
    const problem = checkChunk(ctx, req, session, finalize);
    if (problem) {
      drain(req);
      return sendBareStatus(res, ctx.options.chunkErrorStatus, 3, problem);
    }
    let overflow = false;
    const reading = readBodyStreaming(
      req,
      (chunk) => {
        if (overflow || session.received + chunk.length > session.rawSize) overflow = true;
        else session.append(chunk);
      },
      {
        bytesPerSecond: ctx.options.uploadBytesPerSecond,
        dropAfterBytes: fault?.kind === 'drop-after-bytes' ? (fault.afterBytes ?? 0) : undefined,
      },
    );
    session.inFlight = { abort: () => req.socket.destroy(), done: reading };
    const outcome = await reading;
    session.inFlight = undefined;
    if (!outcome.complete) return session.discardPending();
    if (overflow) {
      session.discardPending();
      return sendBareStatus(
        res,
        400,
        3,
        'The upload carries more bytes than X-Goog-Upload-Raw-Size.',
      );
    }
    if (outcome.bytes === 0 && !finalize) {
      return sendBareStatus(res, 400, 3, 'Payload must not be empty');
    }
    if (!finalize) {
      if (session.received === session.rawSize) session.commitAll();
      else if (session.received !== session.committed) {
        session.discardPending();
        return sendBareStatus(res, ctx.options.chunkErrorStatus, 3, 'Chunk is not aligned.');
      }
      return sendStatus(res, session, false);
    }
  } else drain(req);
  if (session.received !== session.rawSize) {
    session.discardPending();
    return sendBareStatus(res, 400, 3, 'Finalize before all declared bytes were received.');
  }
  const sha256 = session.finalize();
  const entry = ctx.tokens.issue(
    {
      sha256,
      size: session.rawSize,
      mimeType: session.mimeType,
      fileName: session.fileName,
      clientId: session.clientId,
    },
    fault?.kind === 'expire-token',
  );
  session.token = entry.token;
  if (fault?.kind === 'lost-response') return dropConnection(res);
  res.writeHead(200, {
    'content-type': ctx.options.tokenContentType,
    'content-length': Buffer.byteLength(entry.token),
    'x-goog-upload-status': 'final',
  });
  res.end(entry.token);
}

/** Why a chunk's headers are unacceptable, or undefined. */
function checkChunk(
  ctx: EmulatorContext,
  req: IncomingMessage,
  session: UploadSession,
  finalize: boolean,
): string | undefined {
  const offset = Number(req.headers['x-goog-upload-offset']);
  if (!Number.isSafeInteger(offset) || offset !== session.committed) {
    return `Invalid X-Goog-Upload-Offset: the server has ${session.committed} bytes.`;
  }
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared)) return undefined;
  if (offset + declared > session.rawSize) return 'The chunk goes past X-Goog-Upload-Raw-Size.';
  const last = offset + declared === session.rawSize;
  if (!finalize && !last && declared % ctx.options.granularity !== 0) {
    return `Chunk size must be a multiple of ${ctx.options.granularity} bytes.`;
  }
  return undefined;
}

function sendStatus(res: ServerResponse, session: UploadSession, withSize = true): void {
  const headers: Record<string, string | number> = {
    'x-goog-upload-status': session.status,
    'content-length': 0,
  };
  if (withSize) headers['x-goog-upload-size-received'] = String(session.committed);
  res.writeHead(200, headers);
  res.end();
}
