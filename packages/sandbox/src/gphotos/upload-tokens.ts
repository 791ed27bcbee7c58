import { randomBytes } from 'node:crypto';

/** What a finished upload left behind: the hash and size of the bytes, never the bytes. */
export interface UploadedContent {
  sha256: string;
  size: number;
  mimeType: string;
  fileName?: string;
  clientId: string;
}

/** One upload token and its life. */
export interface UploadTokenEntry extends UploadedContent {
  token: string;
  finalizedAt: number;
  expiresAt: number;
  /** Media item the token was turned into, once consumed. */
  consumedBy?: string;
}

/** Issues and resolves upload tokens (`CAIS…`, like the real service). */
export class UploadTokens {
  readonly #tokens = new Map<string, UploadTokenEntry>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: () => number,
  ) {}

  /** A new token for finished content; `expired` makes it born expired (fault injection). */
  issue(content: UploadedContent, expired = false): UploadTokenEntry {
    const token = `CAIS${randomBytes(30).toString('base64url')}`;
    const finalizedAt = expired ? this.now() - this.ttlMs() - 1 : this.now();
    const entry = { ...content, token, finalizedAt, expiresAt: finalizedAt + this.ttlMs() };
    this.#tokens.set(token, entry);
    return entry;
  }

  /** The entry of `token`, expired or not; undefined when unknown or malformed. */
  get(token: string): UploadTokenEntry | undefined {
    return this.#tokens.get(token);
  }

  /** True when `entry` can no longer be used. */
  isExpired(entry: UploadTokenEntry): boolean {
    return entry.expiresAt <= this.now();
  }

  /** Every token issued, for inspection. */
  all(): UploadTokenEntry[] {
    return [...this.#tokens.values()];
  }
}
