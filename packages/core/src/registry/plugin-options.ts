/**
 * Helpers for a plugin's `create(uri, options)`: taking the plugin's own query parameters off
 * the URI before it reaches a driver, and checking an injected driver client.
 */
import { Q2gError } from '../errors/q2g-error.js';

/**
 * Splits the named query parameters off `uri`: the URI without them (unchanged when none is
 * present) and the values found.
 */
export function takeUriParams<K extends string>(
  uri: string,
  names: readonly K[],
): { uri: string; params: Partial<Record<K, string>> } {
  const query = uri.indexOf('?');
  if (query < 0) return { uri, params: {} };
  const search = new URLSearchParams(uri.slice(query + 1));
  const params: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = search.get(name);
    if (value === null) continue;
    params[name] = value;
    search.delete(name);
  }
  if (Object.keys(params).length === 0) return { uri, params };
  const rest = search.toString();
  return { uri: uri.slice(0, query) + (rest ? `?${rest}` : ''), params };
}

/** What {@link injectedClient} checks an injected client against. */
export interface InjectedClientCheck {
  /** The plugin's package name, for the message. */
  plugin: string;
  /** What the client must be, e.g. `a pg.Pool`. */
  kind: string;
  /** Methods the client must have. */
  methods: readonly string[];
}

/**
 * The `client` a plugin was given (`BackendCreateOptions.client`): undefined when none was,
 * CONFIG_INVALID when it is not an object with the expected methods.
 */
export function injectedClient<T>(client: unknown, check: InjectedClientCheck): T | undefined {
  if (client === undefined) return undefined;
  const fits =
    typeof client === 'object' &&
    client !== null &&
    check.methods.every((m) => typeof (client as Record<string, unknown>)[m] === 'function');
  if (!fits) {
    throw new Q2gError(
      'CONFIG_INVALID',
      `The client given to ${check.plugin} must be ${check.kind}.`,
      { hint: `Pass ${check.kind} (with ${check.methods.join('(), ')}()) or no client.` },
    );
  }
  return client as T;
}
