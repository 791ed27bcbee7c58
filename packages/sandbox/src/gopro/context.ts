import type { ContentGenerator } from '../shared/content.js';
import type { FaultInjector, FiredFault } from '../shared/faults.js';
import type { EmulatorClock } from './clock.js';
import type { GoProLibrary } from './library.js';
import type { ObjectLayoutOptions } from './media-objects.js';
import type { GoProEmulatorOptions } from './options.js';
import type { UrlSigner } from './signed-urls.js';
import type { TokenRegistry } from './tokens.js';

/** The state every emulator route shares. */
export interface GoProContext {
  /** Live options: `configure()` changes them at run time. */
  options: GoProEmulatorOptions;
  library: GoProLibrary;
  tokens: TokenRegistry;
  signer: UrlSigner;
  content: ContentGenerator;
  faults: FaultInjector;
  clock: EmulatorClock;
  /** Requests per route name. */
  counters: Map<string, number>;
  /** The last CDN requests (at most 1,000), newest last: method, path and Range header. */
  cdnLog: { method: string; path: string; range: string | null; authorization: boolean }[];
  /** Base URL of the CDN server (set once it listens). */
  cdnBase: string;
  clientId: string;
  clientSecret: string;
}

/** The descriptor layout options out of the live options. */
export function layoutOf(ctx: GoProContext): ObjectLayoutOptions {
  return { rawLocation: ctx.options.cdn.rawLocation, includeConcat: ctx.options.cdn.includeConcat };
}

/** Counts a request of `route` and returns the fault to inject into it, if any. */
export function enter(ctx: GoProContext, route: string): FiredFault | undefined {
  ctx.counters.set(route, (ctx.counters.get(route) ?? 0) + 1);
  return ctx.faults.next(route);
}
