import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  namedBits,
  octetString,
  oid,
  sequence,
  set,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

/** A key pair and its certificate, PEM-encoded (what `tls.createServer` takes). */
export interface PemCertificate {
  /** PKCS#8 private key. */
  key: string;
  cert: string;
}

/** A certificate authority that can sign server certificates. */
export interface CertificateAuthority extends PemCertificate {
  /** Issues a server certificate for these host names and IP addresses. */
  issue(hosts: string[]): PemCertificate;
}

const SIGNATURE_ALGORITHM = sequence(oid(OID.ecdsaWithSha256));
const DAY_MS = 86_400_000;

const name = (commonName: string) =>
  sequence(set(sequence(oid(OID.commonName), utf8String(commonName))));

const extension = (id: string, critical: boolean, value: Buffer) =>
  critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));

/** SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2, method 1). */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // An EC P-256 SPKI ends with the 65-byte uncompressed point: the subjectPublicKey bits.
  return createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
}

function subjectAltNames(hosts: string[]): Buffer {
  return sequence(
    ...hosts.map((host) => {
      if (isIP(host) === 4) return implicit(7, Buffer.from(host.split('.').map(Number)));
      if (isIP(host) === 6) throw new Error(`IPv6 subject names are not supported: ${host}`);
      return implicit(2, Buffer.from(host, 'ascii'));
    }),
  );
}

interface CertificateFields {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  extensions: Buffer[];
  validDays: number;
}

function signCertificate(fields: CertificateFields): string {
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // positive and non-zero in practice (RFC 5280 §4.1.2.2)
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    SIGNATURE_ALGORITHM,
    name(fields.issuer),
    sequence(time(new Date(now - DAY_MS)), time(new Date(now + fields.validDays * DAY_MS))),
    name(fields.subject),
    fields.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...fields.extensions)),
  );
  const signature = sign('sha256', tbs, fields.signingKey);
  const der = sequence(tbs, SIGNATURE_ALGORITHM, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

const newKeyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pemKey = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * A throwaway certificate authority (ECDSA P-256, valid a few days) made with node:crypto: the
 * sandbox serves TLS with certificates it issues, and clients trust its `cert` for one run
 * (e.g. through `NODE_EXTRA_CA_CERTS`). Not for anything but local test servers.
 */
export function createCertificateAuthority(
  options: { commonName?: string; validDays?: number } = {},
): CertificateAuthority {
  const validDays = options.validDays ?? 7;
  const caName = options.commonName ?? `q2google sandbox CA ${randomBytes(4).toString('hex')}`;
  const caKeys = newKeyPair();
  const caKeyId = keyIdentifier(caKeys.publicKey);
  const cert = signCertificate({
    subject: caName,
    issuer: caName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    validDays,
    extensions: [
      extension(OID.basicConstraints, true, sequence(boolean(true))),
      extension(OID.keyUsage, true, namedBits([KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign])),
      extension(OID.subjectKeyIdentifier, false, octetString(caKeyId)),
    ],
  });
  return {
    key: pemKey(caKeys.privateKey),
    cert,
    issue: (hosts) => {
      if (hosts.length === 0) throw new Error('a server certificate needs at least one host');
      const keys = newKeyPair();
      const leaf = signCertificate({
        subject: hosts[0] ?? '',
        issuer: caName,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        validDays,
        extensions: [
          extension(OID.basicConstraints, true, sequence()),
          extension(OID.keyUsage, true, namedBits([KEY_USAGE.digitalSignature])),
          extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
          extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(keys.publicKey))),
          extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, caKeyId))),
          extension(OID.subjectAltName, false, subjectAltNames(hosts)),
        ],
      });
      return { key: pemKey(keys.privateKey), cert: leaf };
    },
  };
}
