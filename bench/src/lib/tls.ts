/**
 * HTTPS everywhere in the bench: one throwaway CA per `pnpm bench` run (the sandbox's), made on
 * first use. Every emulator serves TLS with its server certificate, and every child process the
 * run starts (syncs, baselines, rclone) trusts it: `NODE_EXTRA_CA_CERTS` is set in this process's
 * environment, which each child inherits (Node reads it at start-up; rclone gets `--ca-cert`).
 */
import { createSandboxTls, type SandboxServerTls, type SandboxTls } from '@q2google/sandbox';

/**
 * Google's fixed host names the rclone peer reaches through the CONNECT front
 * (`src/emulators/connect-front.ts`); the emulators' certificate covers them too.
 */
export const GOOGLE_HOSTS = {
  api: 'photoslibrary.googleapis.com',
  oauth: 'oauth2.googleapis.com',
} as const;

let run: SandboxTls | undefined;

/** The run's TLS material (JSON-safe part), created once; sets `NODE_EXTRA_CA_CERTS`. */
export function benchTls(): SandboxServerTls {
  if (!run) {
    const made = createSandboxTls({ hosts: Object.values(GOOGLE_HOSTS) });
    run = made;
    process.env.NODE_EXTRA_CA_CERTS = made.caFile;
    process.once('exit', () => made.dispose());
  }
  return { caFile: run.caFile, caPem: run.caPem, server: run.server };
}
