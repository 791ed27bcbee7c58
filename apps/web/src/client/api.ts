/**
 * Calls to the dashboard's API. The session cookie goes along by itself (same origin), the page
 * key in its header; writes also carry the CSRF token read once from `/api/me`. Failures throw
 * an `ApiFailure` with the server's code and message.
 */
import type { ApiError, MeResponse } from '../shared/api-types.js';
import { pageKeyHeaders } from './page-key.js';

/** A refused or failed API call. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let me: Promise<MeResponse> | undefined;

/** Who this browser session is: the CSRF token and, in demo mode, the sandbox range. */
export function whoAmI(): Promise<MeResponse> {
  me ??= getJson<MeResponse>('/api/me');
  return me;
}

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as ApiError | null)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? 'HTTP',
      error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return body as T;
}

/** GET a JSON resource. */
export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { credentials: 'same-origin', headers: pageKeyHeaders() }));
}

/** POST or DELETE with the CSRF token. */
export async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const { csrfToken } = await whoAmI();
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...pageKeyHeaders(),
      'content-type': 'application/json',
      'x-csrf-token': csrfToken,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return parse<T>(response);
}
