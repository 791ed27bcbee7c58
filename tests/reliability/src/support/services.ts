/**
 * Stopping and starting the machine's test databases (the project's own services, from
 * scripts/services.sh), to prove the sync rides out an outage.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SERVICES = fileURLToPath(new URL('../../../../scripts/services.sh', import.meta.url));

function postgresCluster(): string[] {
  const version = readdirSync('/etc/postgresql')[0];
  if (!version) throw new Error('no local PostgreSQL cluster under /etc/postgresql');
  return ['--skip-systemctl-redirect', version, 'main'];
}

/** Stops the local PostgreSQL cluster (fast shutdown: connections are cut). */
export async function stopPostgres(): Promise<void> {
  await run('pg_ctlcluster', [...postgresCluster(), 'stop', '--', '-m', 'fast']);
}

/** Starts the local PostgreSQL cluster. */
export async function startPostgres(): Promise<void> {
  await run('pg_ctlcluster', [...postgresCluster(), 'start']);
}

/** Stops the MongoDB-compatible server (FerretDB) of scripts/services.sh. */
export async function stopMongo(): Promise<void> {
  await run('bash', [SERVICES, 'stop'], { env: process.env });
}

/** Starts it again (idempotent; prints the environment, ignored here). */
export async function startMongo(): Promise<void> {
  // Without the test URLs, or the script would only ping the server instead of starting it.
  const { Q2G_TEST_MONGODB_URL: _m, Q2G_TEST_POSTGRES_URL: _p, ...env } = process.env;
  await run('bash', [SERVICES, 'start'], { env, timeout: 120_000 });
}

/** True when this machine's PostgreSQL can be stopped and started by the tests. */
export function canControlPostgres(): boolean {
  try {
    postgresCluster();
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}
