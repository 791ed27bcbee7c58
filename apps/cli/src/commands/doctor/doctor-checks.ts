import { describeProxy, isQ2gError, type Q2gErrorCode, resolveCapabilities } from '@q2google/core';
import type { CliContext } from '../../context.js';
import { openBackend } from '../../run/open-backend.js';
import type { CliLoadedConfig } from '../../wiring/cli-settings.js';
import { googleLoginState, goproLoginState } from '../auth/auth-status-command.js';

/** The result of one check: a line of what was found, and what to do when it failed. */
export type CheckResult =
  | { ok: true; detail: string }
  | { ok: false; detail: string; code: Q2gErrorCode };

/** One `doctor` check; it may throw, which counts as a failure with the error's message. */
export interface DoctorCheck {
  name: string;
  run(ctx: CliContext, loaded: CliLoadedConfig): Promise<CheckResult>;
}

/** Whether a URL answers at all (any HTTP status), for services we have no login for. */
async function reachable(ctx: Pick<CliContext, 'fetch'>, url: string): Promise<string> {
  const response = await ctx.fetch(url, { method: 'GET', signal: AbortSignal.timeout(10_000) });
  await response.body?.cancel();
  return `${url} answers (HTTP ${response.status}); not checked with a login`;
}

/** The checks `doctor` runs after the configuration, in order. */
export const DEFAULT_CHECKS: readonly DoctorCheck[] = [
  {
    name: 'proxy',
    run: async (ctx) => ({
      ok: true,
      detail:
        describeProxy(ctx.env) ?? 'none (HTTPS_PROXY and HTTP_PROXY are unset: direct connections)',
    }),
  },
  {
    name: 'GoPro login',
    run: async (_ctx, { config }) => {
      const state = await goproLoginState(config);
      return state.ok
        ? { ok: true, detail: state.line }
        : { ok: false, detail: state.line, code: 'GOPRO_AUTH_FAILED' };
    },
  },
  {
    name: 'Google Photos authorisation',
    run: async (_ctx, { config }) => {
      const state = await googleLoginState(config);
      return state.ok
        ? { ok: true, detail: state.line }
        : { ok: false, detail: state.line, code: 'GPHOTOS_AUTH_REQUIRED' };
    },
  },
  {
    name: 'state backend',
    run: async (ctx, loaded) => {
      const { backend, label, close } = await openBackend({ services: ctx.services, loaded });
      try {
        if (resolveCapabilities(backend).listSessions) {
          const sessions = await backend.listSessions!();
          return {
            ok: true,
            detail: `${label} (${backend.name}) holds ${sessions.length} sessions`,
          };
        }
        await backend.load('q2google-doctor-probe');
        return { ok: true, detail: `${label} (${backend.name ?? 'plugin'}) answers` };
      } finally {
        await close();
      }
    },
  },
  {
    name: 'GoPro API',
    run: async (ctx, { config }) => {
      if (!(await goproLoginState(config)).ok) {
        return { ok: true, detail: await reachable(ctx, config.goproApiUrl) };
      }
      const source = await ctx.services.source(config);
      const { accountId } = await source.verify!();
      return { ok: true, detail: `${config.goproApiUrl} accepts the login (account ${accountId})` };
    },
  },
  {
    name: 'Google Photos API',
    run: async (ctx, { config }) => {
      if (!(await googleLoginState(config)).ok) {
        return { ok: true, detail: await reachable(ctx, config.gphotosApiUrl) };
      }
      const sink = await ctx.services.sink(config);
      await sink.verify!();
      return { ok: true, detail: `${config.gphotosApiUrl} accepts the authorisation` };
    },
  },
];

/** Runs one check, turning whatever it throws into a failed result. */
export async function runCheck(
  check: DoctorCheck,
  ctx: CliContext,
  loaded: CliLoadedConfig,
): Promise<CheckResult> {
  try {
    return await check.run(ctx, loaded);
  } catch (error) {
    if (isQ2gError(error)) return { ok: false, detail: error.userMessage, code: error.code };
    const reason = error instanceof Error ? error.message : String(error);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      detail: `${reason}${cause ? ` (${cause})` : ''}. Check the URL, your network and proxy settings.`,
      code: 'INTERNAL',
    };
  }
}
