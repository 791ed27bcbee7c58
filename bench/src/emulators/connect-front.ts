import { createServer } from 'node:http';
import type { Socket } from 'node:net';

/** A running CONNECT front. */
export interface ConnectFront {
  /** `http://127.0.0.1:<port>`: the value of a client's `HTTPS_PROXY`. */
  url: string;
  close(): Promise<void>;
}

/** What serves a tunnelled connection for one host name (the emulator's `acceptConnection`). */
export type TunnelHandler = (socket: Socket) => void;

/**
 * The TLS front for a client whose endpoints are fixed (rclone's Google Photos backend calls
 * `https://photoslibrary.googleapis.com`): an HTTP proxy on 127.0.0.1 that answers `CONNECT
 * host:443` for the mapped host names only and hands the tunnel's socket to the emulator in this
 * same process, which serves TLS on it with a certificate for that name (from the run's
 * throwaway CA). No bytes are relayed: TLS ends in the emulator, as for q2google. Nothing leaves
 * the machine; any other host gets 403.
 */
export async function startConnectFront(
  routes: Record<string, TunnelHandler>,
): Promise<ConnectFront> {
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(405, { connection: 'close' });
    res.end('only CONNECT\n');
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const [host = '', port] = (req.url ?? '').split(':');
    const handler = routes[host.toLowerCase()];
    if (handler === undefined || port !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) client.unshift(head);
    handler(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
