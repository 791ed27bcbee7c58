/**
 * Which `Host` headers the dashboard answers to. On a loopback bind: the loopback names (and any
 * `--allow-host` name, e.g. behind a local proxy). Any other bind (`0.0.0.0`, a LAN address)
 * exposes the dashboard, so it is refused unless `--allow-host` names the hosts it will be
 * reached by; then exactly those answer (every other Host gets 421, as DNS rebinding would).
 */
import { Q2gError } from '@q2google/core';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** True for a bind address reachable from this computer only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/** `--allow-host` values (repeated and/or comma-separated), trimmed and lower-cased. */
export function parseAllowHosts(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/** `name:port` as a browser sends it in `Host` (IPv6 literals in brackets). */
export function hostWithPort(name: string, port: number): string {
  const shown = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  return `${shown}:${port}`;
}

/** The Host values answered for a bind address, port and allowed names. */
export function answerHosts(host: string, port: number, allowHosts: readonly string[]): string[] {
  const allowed = allowHosts.map((name) => hostWithPort(name, port));
  if (!isLoopback(host)) return allowed;
  return [
    ...new Set([
      ...['127.0.0.1', 'localhost', '::1'].map((n) => hostWithPort(n, port)),
      ...allowed,
    ]),
  ];
}

/** Refuses a non-loopback bind that names no allowed host (CONFIG_INVALID). */
export function checkBindHost(host: string, allowHosts: readonly string[]): void {
  if (isLoopback(host) || allowHosts.length > 0) return;
  throw new Q2gError(
    'CONFIG_INVALID',
    `Refusing to listen on ${host}: it exposes the dashboard beyond this computer. Give --allow-host NAME with each name the dashboard will be opened by (for example --allow-host mypc.lan,192.168.1.5), or keep the default --host 127.0.0.1.`,
  );
}
