import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { FaultRuleSchema } from '../shared/faults.js';
import { sendJson } from '../shared/http-server.js';
import type { EmulatorContext } from './context.js';
import { inspectLibrary } from './inspection.js';
import { readJsonBody } from './json-body.js';
import { DEFAULT_USER } from './oauth-routes.js';
import { GPHOTOS_SCOPES } from './options.js';

const GrantRequestSchema = z.object({
  clientId: z.string().default('q2google-sandbox'),
  scopes: z.array(z.string()).default([GPHOTOS_SCOPES.appendonly, GPHOTOS_SCOPES.readonly]),
  user: z.string().default(DEFAULT_USER),
});

/**
 * Test/benchmark control over HTTP, for an emulator running in another process:
 * `GET /__sandbox/state`, `POST /__sandbox/faults` (a fault rule), `DELETE /__sandbox/faults`,
 * `POST /__sandbox/refresh-token` (`{clientId?, scopes?}` → `{refresh_token}`),
 * `GET /__sandbox/quota` (Library API requests this Pacific day, the limit, the next reset).
 */
export async function handleControl(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice('/__sandbox'.length);
  if (req.method === 'GET' && path === '/quota') {
    return sendJson(res, 200, ctx.quota.day(ctx.options.dailyQuota));
  }
  if (req.method === 'GET' && path === '/state') return sendJson(res, 200, inspectLibrary(ctx));
  if (path === '/faults' && req.method === 'DELETE') {
    ctx.faults.clear();
    return sendJson(res, 200, {});
  }
  if (path === '/faults' && req.method === 'POST') {
    const rule = FaultRuleSchema.safeParse(await readJsonBody(req));
    if (!rule.success) return sendJson(res, 400, { error: rule.error.message });
    ctx.faults.add(rule.data);
    return sendJson(res, 200, {});
  }
  if (path === '/refresh-token' && req.method === 'POST') {
    const grant = GrantRequestSchema.safeParse((await readJsonBody(req)) ?? {});
    if (!grant.success) return sendJson(res, 400, { error: grant.error.message });
    return sendJson(res, 200, { refresh_token: ctx.auth.issueRefreshToken(grant.data) });
  }
  sendJson(res, 404, { error: 'unknown control route' });
}
