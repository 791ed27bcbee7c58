import {
  isQ2gError,
  Q2gError,
  type UploadProgress,
  type UploadRequest,
  withRetry,
} from '@q2google/core';
import { ByteReader } from './byte-reader.js';
import { querySession, startSession } from './resumable-session.js';
import type { UploadConfig } from './upload-config.js';

/**
 * A resumable upload (spec §3.2, §6.2): continue `request.resume` when the server still has it
 * (the server's offset wins), else start a session; stream the whole rest of the file in one
 * `upload, finalize` request (start + upload = 2 requests a file, every one counting against
 * the daily quota); after any failure query the session and resume from the confirmed offset
 * (one query + one request per interruption); a final/cancelled/unknown session is replaced.
 */
export async function resumableUpload(
  config: UploadConfig,
  request: UploadRequest,
): Promise<string> {
  const run = new ResumableRun(config, request);
  try {
    return await run.execute();
  } finally {
    await run.closeSource();
  }
}

class ResumableRun {
  #session: UploadProgress | undefined;
  /** True when the server's offset must be asked before sending again. */
  #mustQuery: boolean;
  #source: { reader: ByteReader; position: number } | undefined;
  #authRetried = false;

  constructor(
    private readonly config: UploadConfig,
    private readonly request: UploadRequest,
  ) {
    this.#session = request.resume;
    this.#mustQuery = request.resume !== undefined;
  }

  async execute(): Promise<string> {
    for (;;) {
      const before = this.#session?.offset ?? -1;
      try {
        return await withRetry(() => this.#step(), this.config.retry, {
          signal: this.request.signal,
        });
      } catch (error) {
        // Retries ran out; keep going only while the server keeps confirming more bytes.
        if (!isQ2gError(error) || !error.retryable || this.request.signal?.aborted) throw error;
        const progressed = await this.#refreshOffset().catch(() => false);
        if (!progressed || (this.#session?.offset ?? -1) <= before) throw error;
      }
    }
  }

  async closeSource(): Promise<void> {
    await this.#source?.reader.close();
    this.#source = undefined;
  }

  /** One attempt: recover the offset if needed, then send the rest of the file. */
  async #step(): Promise<string> {
    if (this.#mustQuery) await this.#refreshOffset();
    if (!this.#session) await this.#start();
    const attempt = { sourceFailed: false };
    try {
      return await this.#sendRest(this.#session!, attempt);
    } catch (error) {
      this.#mustQuery = true;
      if (attempt.sourceFailed) await this.#recordReceived();
      throw error;
    }
  }

  /**
   * After the media source broke mid-body (this run cannot go on), asks the server what it
   * kept so the recorded session resumes from there; best effort, never masks the failure.
   */
  async #recordReceived(): Promise<void> {
    if (this.request.signal?.aborted) return;
    await this.#refreshOffset().catch(() => undefined);
  }

  async #start(): Promise<void> {
    const { api, now } = this.config;
    this.#session = await startSession(api, this.request, now, this.request.signal);
    this.#mustQuery = false;
    await this.request.onProgress?.(this.#session);
  }

  /** Queries the session; returns true when it confirmed more bytes than recorded. */
  async #refreshOffset(): Promise<boolean> {
    const session = this.#session;
    if (!session) return false;
    const state = await querySession(this.config.api, session.url, this.request.signal);
    this.#mustQuery = false;
    if (state.status === 'gone') {
      this.#session = undefined;
      return false;
    }
    const progressed = state.received !== session.offset;
    this.#session = { ...session, offset: state.received };
    if (progressed) await this.request.onProgress?.(this.#session);
    return progressed;
  }

  async #sendRest(session: UploadProgress, attempt: { sourceFailed: boolean }): Promise<string> {
    const { api } = this.config;
    const length = this.request.size - session.offset;
    const reader = await this.#readerAt(session.offset);
    const before = reader.consumed;
    let response: Awaited<ReturnType<typeof api.send>>;
    try {
      response = await api.send({
        method: 'POST',
        url: session.url,
        headers: {
          'content-length': String(length),
          'x-goog-upload-command': 'upload, finalize',
          'x-goog-upload-offset': String(session.offset),
        },
        body: watchSource(reader.take(length), attempt),
        signal: this.request.signal,
        onBytesSent: this.request.onBytesSent,
      });
    } finally {
      // Where the open source now stands, whatever reached the server.
      if (this.#source?.reader === reader) {
        this.#source.position = session.offset + (reader.consumed - before);
      }
    }
    if (response.status === 401 && !this.#authRetried) {
      this.#authRetried = true;
      throw new Q2gError('GPHOTOS_HTTP', 'Access token rejected; refreshed it.', {
        retryable: true,
      });
    }
    if (
      response.status >= 400 &&
      response.status < 500 &&
      ![401, 403, 413, 429].includes(response.status)
    ) {
      throw new Q2gError(
        'GPHOTOS_UPLOAD_FAILED',
        `Google Photos refused an upload request (HTTP ${response.status}).`,
        {
          retryable: true,
          details: { httpStatus: response.status },
        },
      );
    }
    api.check(response, 'upload chunk');
    const token = response.text.trim();
    if (!token) {
      throw new Q2gError('GPHOTOS_BAD_RESPONSE', 'Google Photos returned an empty upload token.', {
        retryable: true,
      });
    }
    return token;
  }

  /** A reader positioned at `offset`, reusing the open source when it is already there. */
  async #readerAt(offset: number): Promise<ByteReader> {
    const source = this.#source;
    if (source && source.position === offset) return source.reader;
    await this.closeSource();
    const reader = new ByteReader(await this.request.open(offset, this.request.signal));
    this.#source = { reader, position: offset };
    return reader;
  }
}

/** `body`, setting `attempt.sourceFailed` when the media source (not the network) throws. */
async function* watchSource(
  body: AsyncIterable<Uint8Array>,
  attempt: { sourceFailed: boolean },
): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (error) {
    attempt.sourceFailed = true;
    throw error;
  }
}
