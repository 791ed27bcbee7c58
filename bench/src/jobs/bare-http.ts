import { type IncomingMessage, request } from 'node:http';

/** A response with its body read as text. */
export interface BareResponse {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

/** GET a URL and return the open response (the body is left to the caller). */
export function openGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Sends a request whose body is a string, bytes or an async stream; reads the answer as text. */
export function send(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string | Uint8Array | AsyncIterable<Uint8Array>,
): Promise<BareResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
      req.end(body);
      return;
    }
    (async () => {
      for await (const chunk of body) {
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(reject);
  });
}

/** Reads an async byte stream in exact-length slices, copying nothing. */
export class Slicer {
  readonly #it: AsyncIterator<Uint8Array>;
  #left: Uint8Array | undefined;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#it = source[Symbol.asyncIterator]();
  }

  /** The next `length` bytes as a stream. */
  async *take(length: number): AsyncGenerator<Uint8Array> {
    let remaining = length;
    while (remaining > 0) {
      let chunk = this.#left;
      this.#left = undefined;
      if (!chunk) {
        const next = await this.#it.next();
        if (next.done) throw new Error(`source ended ${remaining} bytes early`);
        chunk = next.value;
      }
      if (chunk.length > remaining) {
        this.#left = chunk.subarray(remaining);
        chunk = chunk.subarray(0, remaining);
      }
      remaining -= chunk.length;
      yield chunk;
    }
  }
}

/** Throws unless the status is 2xx. */
export function ok(response: BareResponse, what: string): BareResponse {
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${what}: HTTP ${response.status} ${response.text.slice(0, 200)}`);
  }
  return response;
}
