export {
  type CertificateAuthority,
  createCertificateAuthority,
  type PemCertificate,
} from './certificates.js';
export {
  createSandboxTls,
  SANDBOX_TLS_HOSTS,
  type SandboxServerTls,
  type SandboxTls,
  type SandboxTlsOption,
} from './sandbox-tls.js';
