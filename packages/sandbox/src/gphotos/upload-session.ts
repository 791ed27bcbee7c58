import { createHash, type Hash, randomBytes } from 'node:crypto';

/** Where a resumable session stands. */
export type SessionStatus = 'active' | 'final' | 'cancelled';

/**
 * One resumable upload session. Bytes are hashed as they are committed and never stored:
 * only whole granules are committed while a chunk streams in, so bytes that arrived before a
 * dropped connection survive truncated to a granularity multiple; a partial granule is buffered.
 */
export class UploadSession {
  readonly id = randomBytes(24).toString('base64url');
  status: SessionStatus = 'active';
  /** Bytes committed (hashed) so far. */
  committed = 0;
  /** Upload token, once finalized. */
  token?: string;
  /** The request currently streaming into the session, if any. */
  inFlight?: { abort(): void; done: Promise<unknown> };
  readonly #hash: Hash = createHash('sha256');
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(
    readonly rawSize: number,
    readonly mimeType: string,
    readonly fileName: string | undefined,
    readonly clientId: string,
    readonly granularity: number,
    readonly expiresAt: number,
  ) {}

  /** Bytes received including the uncommitted partial granule. */
  get received(): number {
    return this.committed + this.#pendingBytes;
  }

  /** Takes more bytes of the current request, committing every whole granule. */
  append(chunk: Buffer): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes < this.granularity) return;
    const commit = this.#pendingBytes - (this.#pendingBytes % this.granularity);
    this.#commit(commit);
  }

  /** Commits everything buffered (the last, short chunk of the file). */
  commitAll(): void {
    this.#commit(this.#pendingBytes);
  }

  /** Forgets the buffered partial granule (the request carrying it failed). */
  discardPending(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** Ends the session and returns the SHA-256 of all bytes. */
  finalize(): string {
    this.commitAll();
    this.status = 'final';
    return this.#hash.digest('hex');
  }

  #commit(bytes: number): void {
    const all = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#hash.update(all.subarray(0, bytes));
    this.committed += bytes;
    const rest = all.subarray(bytes);
    this.#pending = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.#pendingBytes = rest.length;
  }
}
