import { Q2gError } from '@q2google/core';

/**
 * Reads an async byte source in bounded slices without copying more than one source chunk:
 * `take(n)` yields exactly the next `n` bytes (split across source chunks as needed).
 */
export class ByteReader {
  readonly #iterator: AsyncIterator<Uint8Array>;
  #leftover: Uint8Array | undefined;
  /** Bytes handed out so far, counted from where the source was opened. */
  consumed = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** The next `length` bytes as a stream of slices; fails if the source ends early. */
  async *take(length: number): AsyncGenerator<Uint8Array> {
    let remaining = length;
    while (remaining > 0) {
      let chunk = this.#leftover;
      this.#leftover = undefined;
      if (!chunk) {
        const next = await this.#iterator.next();
        if (next.done) {
          throw new Q2gError(
            'GPHOTOS_UPLOAD_FAILED',
            `The media source ended ${remaining} bytes before the declared size.`,
            { details: { missingBytes: remaining } },
          );
        }
        chunk = next.value;
      }
      if (chunk.length > remaining) {
        this.#leftover = chunk.subarray(remaining);
        chunk = chunk.subarray(0, remaining);
      }
      remaining -= chunk.length;
      this.consumed += chunk.length;
      if (chunk.length > 0) yield chunk;
    }
  }

  /** Releases the source (closes the underlying stream). */
  async close(): Promise<void> {
    this.#leftover = undefined;
    await this.#iterator.return?.();
  }
}
