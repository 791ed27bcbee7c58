import { setFlagsFromString } from 'node:v8';

/**
 * The V8 settings every `q2google` process runs with, set from inside the process (no
 * `NODE_OPTIONS`, no re-exec) before the command's modules load:
 * - `--semi-space-growth-factor=1`: the young generation stays at its initial size instead of
 *   growing to 16 MiB while the modules load. A sync makes little JavaScript garbage per byte,
 *   so in a large young generation a collection came only every few hundred KiB of JS but tens
 *   of MiB of network chunks (each TLS read is a fresh Buffer, freed only by a collection): the
 *   young generation and the chunks waiting for it were ~45 MiB of a photo sync's peak RSS.
 * - `--liftoff-only`: undici's HTTP parser (llhttp, WebAssembly) is compiled by the baseline
 *   compiler only; optimising its one large function took ~35 MiB for a moment at the first
 *   request. It parses headers and chunk framing only, not the body bytes.
 */
export const LEAN_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--liftoff-only'];

/**
 * Applies {@link LEAN_V8_FLAGS}. Call it first, before importing anything heavy: the young
 * generation grows while modules load.
 */
export function leanV8(): void {
  for (const flag of LEAN_V8_FLAGS) setFlagsFromString(flag);
}
