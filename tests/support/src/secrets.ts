import type { World } from './world.js';

/** The Google OAuth client secret the secrets tests configure (never to be printed). */
export const GOOGLE_CLIENT_SECRET = 'GOCSPX-never-printed-client-secret';

/** Shapes of tokens the emulators mint (Google access/refresh, GoPro's JWE-like tokens). */
export const TOKEN_SHAPES = [
  /ya29\.[\w-]{10,}/,
  /1\/\/[\w-]{10,}/,
  /(?:[\w-]{20,}\.){4}[\w-]{20,}/,
];

/**
 * Every secret of a world's logins that must never appear in output, state or traces: the
 * pasted GoPro token, the Google refresh token, the GoPro password and client secret, the
 * Google client secret, plus `extra` (e.g. a database password).
 */
export function worldSecrets(world: World, extra: string[] = []): string[] {
  return [
    world.wiring.settings.goproToken ?? '',
    world.cliEnv.Q2G_GOPRO_TOKEN ?? '',
    world.wiring.googleGrant.refresh_token!,
    world.gopro.account.password,
    world.gopro.account.clientSecret,
    GOOGLE_CLIENT_SECRET,
    ...extra,
  ].filter(Boolean);
}

/** What of `secrets` or of {@link TOKEN_SHAPES} shows in `text` (empty when nothing does). */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return [
    ...secrets.filter((secret) => text.includes(secret)).map(() => 'a listed secret'),
    ...TOKEN_SHAPES.filter((shape) => shape.test(text)).map((shape) => `a token shaped ${shape}`),
  ];
}
