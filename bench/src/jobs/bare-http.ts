import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Wiring } from '../emulators/wiring.js';

/**
 * `node:https` for an `https:` URL (the bench's emulators serve TLS; the process trusts their CA
 * through `NODE_EXTRA_CA_CERTS`), `node:http` otherwise; both with Node's keep-alive global agent.
 */
const requestFor = (url: string) => (url.startsWith('https:') ? httpsRequest : httpRequest);

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
    const req = requestFor(url)(url, { method: 'GET', headers }, resolve);
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
    const req = requestFor(url)(url, { method, headers }, (res) => {
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

/** The CDN URL of an item's original, as the GoPro source picks it (one descriptor GET). */
export async function originalUrl(
  wiring: Pick<Wiring, 'goproApiUrl' | 'goproToken'>,
  id: string,
): Promise<string> {
  const res = ok(
    await send(`${wiring.goproApiUrl}/media/${id}/download`, 'GET', {
      authorization: `Bearer ${wiring.goproToken}`,
    }),
    'descriptor',
  );
  const { _embedded: embedded } = JSON.parse(res.text) as {
    _embedded: { files: { url: string }[]; variations: { url: string; label?: string }[] };
  };
  // the original: the `source` variation, else the first file
  return (embedded.variations.find((v) => v.label === 'source') ?? embedded.files[0]!).url;
}
