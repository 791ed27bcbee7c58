import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../scripts/services.sh', import.meta.url));

/** Connection URLs of the database services. */
export interface Services {
  postgresUrl: string;
  mongoUrl: string;
}

/** Starts PostgreSQL and FerretDB through `scripts/services.sh start` and reads its exports. */
export async function startServices(): Promise<Services> {
  const { stdout } = await run('bash', [SCRIPT, 'start'], {
    maxBuffer: 1024 * 1024,
    timeout: 600_000,
  });
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!.replace(/^['"]|['"]$/g, '');
  }
  const postgresUrl = env.Q2G_TEST_POSTGRES_URL;
  const mongoUrl = env.Q2G_TEST_MONGODB_URL;
  if (!postgresUrl || !mongoUrl) {
    throw new Error('scripts/services.sh start did not print both database URLs');
  }
  return { postgresUrl, mongoUrl };
}
