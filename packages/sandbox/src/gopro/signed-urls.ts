import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Why a signed URL was refused: past its own `X-Amz-Expires` or revoked (403 AccessDenied),
 * its signing session (temporary STS credentials) ended first (400 ExpiredToken), a bad
 * signature, or no signature at all.
 */
export type UrlRejection = 'expired' | 'bad-signature' | 'session-ended' | 'missing';

/** Signs and checks CDN URLs shaped like GoPro's pre-signed S3 URLs (spec §3.4). */
export class UrlSigner {
  readonly #secret = randomBytes(32);
  readonly #now: () => number;
  /** Bumped to expire every URL signed before. */
  #generation = 0;
  /** Bumped to end the signing session of every URL signed before. */
  #session = 0;
  /** When the current signing session began (ms). */
  #sessionStart: number;
  ttlSeconds: number;
  /** Lifetime of a signing session (STS credentials) in seconds; null = outlives every URL. */
  sessionSeconds: number | null;

  constructor(now: () => number, ttlSeconds: number, sessionSeconds: number | null = null) {
    this.#now = now;
    this.ttlSeconds = ttlSeconds;
    this.sessionSeconds = sessionSeconds;
    this.#sessionStart = now();
  }

  /** Expires every URL signed so far (403 AccessDenied, as past `X-Amz-Expires`). */
  expireAll(): void {
    this.#generation += 1;
  }

  /** Ends the signing session of every URL signed so far (400 ExpiredToken). */
  endSession(): void {
    this.#session += 1;
    this.#sessionStart = this.#now();
  }

  /** A pre-signed URL for `method` on `base + path`, offering `fileName` as the download name. */
  sign(base: string, path: string, method: 'GET' | 'HEAD', fileName: string): string {
    const now = this.#now();
    if (this.sessionSeconds !== null && now >= this.#sessionStart + this.sessionSeconds * 1000) {
      this.#sessionStart = now; // the server took new credentials for this signing
    }
    const date = amzDate(now);
    const session = `s${this.#session}-${this.#sessionStart}`;
    const params = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `ASIAEMULATOR/${date.slice(0, 8)}/us-west-2/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': String(this.ttlSeconds),
      'X-Amz-Security-Token': `gen${this.#generation}.${session}.${randomBytes(12).toString('base64url')}`,
      'X-Amz-SignedHeaders': 'host',
      'response-content-disposition': `attachment; filename=${fileName};`,
    });
    params.set('X-Amz-Signature', this.#signature(method, path, params));
    return `${base}${path}?${params.toString().replace(/\+/g, '%20')}`;
  }

  /** Null when the URL is valid for `method` now, else why not. */
  verify(method: string, path: string, params: URLSearchParams): UrlRejection | null {
    const signature = params.get('X-Amz-Signature');
    const date = params.get('X-Amz-Date');
    const expires = Number(params.get('X-Amz-Expires'));
    const token = params.get('X-Amz-Security-Token') ?? '';
    if (!signature || !date || !Number.isFinite(expires)) return 'missing';
    const expected = Buffer.from(this.#signature(method === 'HEAD' ? 'HEAD' : 'GET', path, params));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return 'bad-signature';
    }
    const [generation, session = ''] = token.split('.');
    if (generation !== `gen${this.#generation}`) return 'expired';
    const signedAt = parseAmzDate(date);
    if (Number.isNaN(signedAt)) return 'missing';
    if (this.#now() > signedAt + expires * 1000) return 'expired';
    const [sessionId, startText] = session.split('-');
    if (sessionId !== `s${this.#session}`) return 'session-ended';
    const started = Number(startText);
    if (this.sessionSeconds !== null && this.#now() > started + this.sessionSeconds * 1000) {
      return 'session-ended';
    }
    return null;
  }

  #signature(method: string, path: string, params: URLSearchParams): string {
    const text = [
      method,
      path,
      params.get('X-Amz-Date'),
      params.get('X-Amz-Expires'),
      params.get('X-Amz-Security-Token'),
      params.get('response-content-disposition'),
    ].join('\n');
    return createHmac('sha256', this.#secret).update(text).digest('hex');
  }
}

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}
