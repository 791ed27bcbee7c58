/**
 * The three built-in backends as the CLI sees them (a state URI), each in its own namespace so
 * tests share the machine's databases safely. Database tests skip loudly when the service
 * environment is missing, and fail under CI=true.
 */
import { randomBytes } from 'node:crypto';
import { createBackendRegistry, type SyncStateBackend, withRetry } from '@q2google/core';
import { withBackendRetries } from '@q2google/core/engine';

/** A backend kind the reliability matrices cover. */
export type BackendKind = 'json' | 'postgres' | 'mongo';

/** Every backend kind. */
export const BACKEND_KINDS: readonly BackendKind[] = ['json', 'postgres', 'mongo'];

const URL_ENV = { postgres: 'Q2G_TEST_POSTGRES_URL', mongo: 'Q2G_TEST_MONGODB_URL' } as const;

/** Whether a backend kind can run here; `missing` says how to make it run. */
export function availability(kind: BackendKind): { run: boolean; missing?: string } {
  if (kind === 'json') return { run: true };
  const name = URL_ENV[kind];
  if (process.env[name]) return { run: true };
  const missing = `${name} is not set: run \`eval "$(bash scripts/services.sh start)"\` first`;
  if (process.env.CI === 'true') return { run: true, missing };
  console.warn(`\n${'='.repeat(70)}\n  ${kind} tests SKIPPED: ${missing}\n${'='.repeat(70)}\n`);
  return { run: false, missing };
}

/** A fresh isolated state URI of `kind` (`jsonDir` is the folder for the JSON backend). */
export function stateUriFor(kind: BackendKind, jsonDir: string): string {
  if (kind === 'json') return jsonDir;
  const url = process.env[URL_ENV[kind]];
  if (!url) throw new Error(availability(kind).missing);
  const prefix = `rel_${randomBytes(4).toString('hex')}_`;
  const separator = url.includes('?') ? '&' : '?';
  return kind === 'postgres'
    ? `${url}${separator}tablePrefix=${prefix}`
    : `${url}${separator}collectionPrefix=${prefix}`;
}

/**
 * Opens the backend of a state URI through the registry, exactly as the CLI does, with the
 * engine's outage retries (the shared test databases may be restarted by another test).
 */
export async function openStateUri(uri: string, projectDir: string): Promise<SyncStateBackend> {
  const registry = createBackendRegistry({ cwd: projectDir });
  return withBackendRetries(await withRetry(() => registry.open(uri)));
}
