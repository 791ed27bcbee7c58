import { z } from 'zod';
import { createRandom } from './random.js';

/**
 * One fault to inject. `route` names an emulator route (e.g. `gopro.search`, `cdn.get`,
 * `gphotos.upload`, `gphotos.batchCreate`) or `*`; `kind` is a fault the emulator of that route
 * understands (e.g. `http-401`, `http-429`, `http-500`, `reset-mid-body`, `slow-body`).
 */
export const FaultRuleSchema = z.object({
  route: z.string().min(1),
  kind: z.string().min(1),
  /** Chance that a matching request is faulted; 1 by default. */
  probability: z.number().min(0).max(1).default(1),
  /** Let this many matching requests pass before the rule may fire. */
  skip: z.number().int().nonnegative().default(0),
  /** Fire at most this many times; unlimited by default. */
  times: z.number().int().positive().optional(),
  /** Seconds to put in a Retry-After header, where the fault sends one. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** For slow or stalled bodies: milliseconds to pause. */
  delayMs: z.number().int().nonnegative().optional(),
  /** For mid-body faults: bytes sent before the fault. */
  afterBytes: z.number().int().nonnegative().optional(),
});
/** A value {@link FaultRuleSchema} has validated (documented there). */
export type FaultRule = z.infer<typeof FaultRuleSchema>;
/** What {@link FaultRuleSchema} accepts, before its defaults apply (documented there). */
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;

/** A rule that fired, with how many times it has fired. */
export interface FiredFault {
  rule: FaultRule;
  count: number;
}

/** Decides, deterministically from a seed, which requests get which fault. */
export class FaultInjector {
  readonly #random: () => number;
  #rules: { rule: FaultRule; seen: number; fired: number }[] = [];
  readonly #log: { route: string; kind: string }[] = [];

  constructor(rules: FaultRuleInput[] = [], seed = 1) {
    this.#random = createRandom(seed);
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule at run time (tests script faults this way). */
  add(rule: FaultRuleInput): void {
    this.#rules.push({ rule: FaultRuleSchema.parse(rule), seen: 0, fired: 0 });
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The fault for this request of `route`, if any rule fires. At most one fires. */
  next(route: string): FiredFault | undefined {
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (rule.route !== '*' && rule.route !== route) continue;
      entry.seen += 1;
      if (entry.seen <= rule.skip) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      if (rule.probability < 1 && this.#random() >= rule.probability) continue;
      entry.fired += 1;
      this.#log.push({ route, kind: rule.kind });
      return { rule, count: entry.fired };
    }
    return undefined;
  }

  /** Every fault injected so far, in order. */
  get injected(): readonly { route: string; kind: string }[] {
    return this.#log;
  }
}
