/**
 * The whole body of `res`, or undefined (with the rest of the body cancelled) as soon as it
 * grows past `maxBytes`: for small downloads such as thumbnails that must never be buffered
 * without a bound. Errors while reading propagate as they are; the caller names them.
 */
export async function readBoundedBody(
  res: Response,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += chunk.length;
    if (total > maxBytes) {
      await res.body?.cancel();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The whole of a Node stream `body`, or undefined (with the stream destroyed) as soon as it
 * grows past `maxBytes`: error bodies of streamed downloads (an S3 XML error, a proxy's page).
 */
export async function readBoundedStream(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  // leaving the loop early destroys the stream (and frees its connection)
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
