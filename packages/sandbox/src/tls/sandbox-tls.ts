import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  type PemCertificate,
} from './certificates.js';

/** The host names every sandbox server certificate covers. */
export const SANDBOX_TLS_HOSTS = ['127.0.0.1', 'localhost'] as const;

/**
 * What an emulator serves TLS with: plain data (JSON-safe), so a process that runs an emulator
 * can be handed the run's material by the process that made it.
 */
export interface SandboxServerTls {
  /** Path of the CA certificate (PEM), for `NODE_EXTRA_CA_CERTS` or a client's `--ca-cert`. */
  caFile: string;
  /** The CA certificate (PEM). */
  caPem: string;
  /** Key and certificate the emulators serve. */
  server: PemCertificate;
}

/**
 * TLS for one run of the sandbox: a throwaway CA, a server certificate for 127.0.0.1 and
 * localhost, and the CA certificate written to a file a client trusts (set
 * `NODE_EXTRA_CA_CERTS=<caFile>` in the client's environment before it starts).
 */
export interface SandboxTls extends SandboxServerTls {
  /** Issues another server certificate from the same CA (e.g. for a TLS front's host names). */
  issue(hosts: string[]): PemCertificate;
  /** Deletes the CA file's directory when this object created it. */
  dispose(): void;
}

/**
 * Creates the run's TLS material; the CA file goes to `dir` (a new temp directory by default).
 * `hosts` adds names to the server certificate (e.g. real API host names a TLS front maps here).
 */
export function createSandboxTls(options: { dir?: string; hosts?: string[] } = {}): SandboxTls {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'q2g-sandbox-tls-'));
  const ca: CertificateAuthority = createCertificateAuthority();
  const caFile = join(dir, 'sandbox-ca.pem');
  writeFileSync(caFile, ca.cert);
  return {
    caFile,
    caPem: ca.cert,
    server: ca.issue([...SANDBOX_TLS_HOSTS, ...(options.hosts ?? [])]),
    issue: (hosts) => ca.issue(hosts),
    dispose: () => {
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An emulator's `tls` option: the run's shared TLS material, or `true` for one of its own. */
export type SandboxTlsOption = SandboxServerTls | boolean | undefined;

/** The TLS an emulator serves with, and a cleanup (it removes a CA the emulator made itself). */
export function resolveSandboxTls(option: SandboxTlsOption): {
  tls: SandboxServerTls | undefined;
  dispose(): void;
} {
  if (option === true) {
    const own = createSandboxTls();
    return { tls: own, dispose: () => own.dispose() };
  }
  return { tls: option || undefined, dispose: () => {} };
}
