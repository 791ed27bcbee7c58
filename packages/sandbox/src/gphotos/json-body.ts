import type { IncomingMessage } from 'node:http';
import { readBody } from '../shared/http-server.js';

/** Reads a small JSON body; undefined when it is not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
