/** Query keys whose values are secrets: any key naming a password, secret, token or credential. */
const SECRET_QUERY_KEYS =
  /[?&](?:[^=&#?]*(?:password|passwd|secret|token|credential)[^=&#?]*|pwd|key|apikey|api_key|sig|signature|x-amz-signature)=/gi;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A URI safe to print: the password of `scheme://user:password@host` and secret-looking query
 * parameters are replaced by `***`. The user info ends at the LAST `@` (a password may hold
 * `@ / ? #` unencoded), so an `@` later in the path or query masks too much, never too little; a
 * query value runs to the next `&`. Both masks are worked out on the original text and
 * merged, so neither can hide a secret from the other. Anything unparsable gets the same masking.
 */
export function redactUri(uri: string): string {
  const masked: [number, number][] = [];
  const scheme = SCHEME.exec(uri)?.[0];
  if (scheme) {
    const at = uri.lastIndexOf('@');
    const colon = uri.indexOf(':', scheme.length);
    if (at > colon && colon >= 0) masked.push([colon + 1, at]);
  }
  for (const match of uri.matchAll(SECRET_QUERY_KEYS)) {
    const from = match.index + match[0].length;
    const to = uri.indexOf('&', from);
    masked.push([from, to < 0 ? uri.length : to]);
  }
  masked.sort((a, b) => a[0] - b[0]);
  let out = '';
  let shown = 0;
  for (const [from, to] of masked) {
    if (from > shown) out += `${uri.slice(shown, from)}***`;
    shown = Math.max(shown, to);
  }
  return out + uri.slice(shown);
}

/** `text` with every occurrence of the given secrets (4+ chars) replaced by `***`. */
export function redactSecrets(
  text: string,
  secrets: readonly (string | undefined | null)[],
): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

/** The password of a `scheme://user:password@host` URI, decoded, so messages can be scrubbed of it. */
export function uriPassword(uri: string | undefined): string | undefined {
  const match =
    uri === undefined ? null : /^[a-z][a-z0-9+.-]*:\/\/[^/:@?#]*:([^@/?#]*)@/i.exec(uri);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
