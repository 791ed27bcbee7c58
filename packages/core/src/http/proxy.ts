import { type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { redactUri } from '../util/redact.js';

/** Environment variables as the process (or a test) has them. */
export type HttpEnv = Readonly<Record<string, string | undefined>>;

/** The proxies `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` name (either case; '' when unset). */
export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/** The dispatcher every request of q2google's clients goes through (undici's). */
export type HttpDispatcher = Dispatcher;

/**
 * The proxy variables of `env`, the lower-case name first as curl and undici read them;
 * `HTTPS_PROXY` falls back to `HTTP_PROXY`.
 */
export function proxySettingsOf(env: HttpEnv): ProxySettings {
  const pick = (name: string) => env[name] || env[name.toUpperCase()] || '';
  const httpProxy = pick('http_proxy');
  return { httpProxy, httpsProxy: pick('https_proxy') || httpProxy, noProxy: pick('no_proxy') };
}

/**
 * The one place the HTTP dispatcher is built: undici's `EnvHttpProxyAgent` over the proxy
 * variables of `env`, so every request honours `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`.
 */
export function createHttpDispatcher(env: HttpEnv = process.env): HttpDispatcher {
  return new EnvHttpProxyAgent(proxySettingsOf(env));
}

let shared: HttpDispatcher | undefined;

/** The process's dispatcher (built once from `process.env`); what the clients use by default. */
export function sharedHttpDispatcher(): HttpDispatcher {
  shared ??= createHttpDispatcher();
  return shared;
}

/** A `fetch` whose requests go through `dispatcher` (undici's fetch; Node's has no proxy support). */
export function fetchVia(dispatcher: HttpDispatcher): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
}

/**
 * The proxies in use, for `doctor`: e.g. `HTTPS via http://user:***@proxy:3128, bypassed for
 * localhost`; undefined when there is none. Credentials in a proxy URL are masked.
 */
export function describeProxy(env: HttpEnv): string | undefined {
  const { httpProxy, httpsProxy, noProxy } = proxySettingsOf(env);
  if (!httpProxy && !httpsProxy) return undefined;
  const parts: string[] = [];
  if (httpsProxy) parts.push(`HTTPS via ${redactUri(httpsProxy)}`);
  if (httpProxy) parts.push(`HTTP via ${redactUri(httpProxy)}`);
  if (noProxy) parts.push(`bypassed for ${noProxy}`);
  return parts.join(', ');
}
