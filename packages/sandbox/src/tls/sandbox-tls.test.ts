import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { type AddressInfo, createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startGoProEmulator } from '../gopro/emulator.js';
import { startGooglePhotosEmulator } from '../gphotos/emulator.js';
import { type RunningServer, startHttpServer } from '../shared/http-server.js';
import { createCertificateAuthority } from './certificates.js';
import { createSandboxTls, type SandboxTls } from './sandbox-tls.js';

const run = promisify(execFile);
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function track(tls: SandboxTls): SandboxTls {
  closers.push(() => tls.dispose());
  return tls;
}

function get(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function hello(tls: SandboxTls): Promise<RunningServer> {
  const server = await startHttpServer((_req, res) => void res.end('hello'), { tls: tls.server });
  closers.push(() => server.close());
  return server;
}

describe('throwaway certificate authority', () => {
  it('issues a CA certificate and server certificates that X.509 checks accept', () => {
    const ca = createCertificateAuthority({ commonName: 'test CA' });
    const caCert = new X509Certificate(ca.cert);
    expect(caCert.ca).toBe(true);
    expect(caCert.subject).toBe('CN=test CA');
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    const leaf = new X509Certificate(ca.issue(['127.0.0.1', 'photoslibrary.googleapis.com']).cert);
    expect(leaf.ca).toBe(false);
    expect(leaf.issuer).toBe('CN=test CA');
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.verify(caCert.publicKey)).toBe(true);
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkHost('photoslibrary.googleapis.com')).toBe('photoslibrary.googleapis.com');
    expect(leaf.checkHost('example.com')).toBeUndefined();
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(Date.parse(leaf.validTo)).toBeGreaterThan(Date.now());
    expect(Date.parse(leaf.validFrom)).toBeLessThan(Date.now());
  });

  it('gives every CA its own key, so one run never trusts another run’s certificates', () => {
    const a = new X509Certificate(createCertificateAuthority().cert);
    const b = createCertificateAuthority();
    expect(new X509Certificate(b.issue(['localhost']).cert).verify(a.publicKey)).toBe(false);
  });
});

describe('sandbox TLS', () => {
  it('writes the CA file, serves HTTPS with it, and a client without it refuses', async () => {
    const tls = track(createSandboxTls());
    expect(readFileSync(tls.caFile, 'utf8')).toBe(tls.caPem);
    const server = await hello(tls);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await get(server.url, tls.caPem)).toEqual({ status: 200, body: 'hello' });
    await expect(get(server.url)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    tls.dispose();
    expect(existsSync(tls.caFile)).toBe(false);
  });

  it('adds the given host names to the server certificate', () => {
    const tls = track(createSandboxTls({ hosts: ['photoslibrary.googleapis.com'] }));
    const cert = new X509Certificate(tls.server.cert);
    expect(cert.checkHost('photoslibrary.googleapis.com')).toBe('photoslibrary.googleapis.com');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('is trusted by a Node process started with NODE_EXTRA_CA_CERTS (global fetch)', async () => {
    const tls = track(createSandboxTls());
    const server = await hello(tls);
    const script = `fetch(${JSON.stringify(server.url)}).then(async (r) => console.log(r.status, await r.text()))`;
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: tls.caFile };
    const { stdout } = await run(process.execPath, ['-e', script], { env });
    expect(stdout.trim()).toBe('200 hello');
  });

  it('serves both emulators over HTTPS from one CA', async () => {
    const tls = track(createSandboxTls());
    const gopro = await startGoProEmulator({ tls });
    const google = await startGooglePhotosEmulator({ tls });
    closers.push(
      () => gopro.close(),
      () => google.close(),
    );
    for (const url of [gopro.apiUrl, gopro.cdnUrl, google.url, google.uploadUrl]) {
      expect(url).toMatch(/^https:/);
    }
    expect(google.endpoints.oauth2TokenUrl).toMatch(/^https:/);
    expect(gopro.tls?.caFile).toBe(tls.caFile);
    const user = await get(`${gopro.apiUrl}/media/user`, tls.caPem);
    expect(user.status).toBe(401);
    const albums = await get(`${google.url}/v1/albums`, tls.caPem);
    expect(albums.status).toBe(401);
  });

  it('serves a connection handed over from another socket (a CONNECT front in the same process)', async () => {
    const tls = track(createSandboxTls({ hosts: ['photoslibrary.googleapis.com'] }));
    const google = await startGooglePhotosEmulator({ tls });
    const front = createServer((socket) => google.acceptConnection(socket, 'api'));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    closers.push(
      () => google.close(),
      () => new Promise<void>((r) => front.close(() => r())),
    );
    const { port } = front.address() as AddressInfo;
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/albums',
          ca: tls.caPem,
          servername: 'photoslibrary.googleapis.com',
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(answer).toBe(401);
    expect(google.requestCounts()['gphotos.albums']).toBe(1);
  });

  it('makes and removes a CA of its own for `tls: true`', async () => {
    const google = await startGooglePhotosEmulator({ tls: true });
    const caFile = google.tls?.caFile ?? '';
    expect(existsSync(caFile)).toBe(true);
    expect((await get(`${google.url}/v1/albums`, google.tls?.caPem)).status).toBe(401);
    await google.close();
    expect(existsSync(caFile)).toBe(false);
  });
});
