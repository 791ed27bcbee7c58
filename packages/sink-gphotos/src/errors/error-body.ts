import { z } from 'zod';

const StatusSchema = z.looseObject({
  code: z.number().int().optional(),
  message: z.string().optional(),
  status: z.string().optional(),
  errors: z.array(z.looseObject({ reason: z.string().optional() })).optional(),
});

/** Google's JSON API error: `{"error":{code,message,status,errors?,details?}}`. */
export const WrappedErrorSchema = z.looseObject({ error: StatusSchema });

/** What any error body says, whatever its shape. */
export interface ParsedErrorBody {
  /** `google.rpc` code or HTTP code as the body states it. */
  code?: number;
  message: string;
  /** Canonical status name, e.g. `RESOURCE_EXHAUSTED`. */
  status?: string;
  /** First `errors[].reason`, e.g. `rateLimitExceeded`. */
  reason?: string;
}

/**
 * Reads an error body: the wrapped `{"error":{…}}` of JSON endpoints, the bare
 * `{"code","message"}` of upload URLs, or anything else (HTML, text, empty).
 */
export function parseErrorBody(text: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { message: summarize(text) };
  }
  const wrapped = WrappedErrorSchema.safeParse(json);
  const status = wrapped.success ? wrapped.data.error : StatusSchema.safeParse(json).data;
  if (!status) return { message: summarize(text) };
  return {
    code: status.code,
    message: status.message ?? summarize(text),
    status: status.status,
    reason: status.errors?.[0]?.reason,
  };
}

function summarize(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain || '(empty body)';
}
