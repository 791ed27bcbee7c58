const SECRET_QUERY_KEYS =
  /([?&](?:password|passwd|pwd|token|access_token|refresh_token|client_secret|secret|key|apikey|api_key|sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential)=)[^&#]*/gi;

/**
 * A URI safe to print: the password of `scheme://user:password@host` and secret-looking query
 * parameters are replaced by `***`. Anything unparsable is returned with the same masking.
 */
export function redactUri(uri: string): string {
  return uri
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@?#]*):[^@/?#]*@/i, '$1:***@')
    .replace(SECRET_QUERY_KEYS, '$1***');
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
