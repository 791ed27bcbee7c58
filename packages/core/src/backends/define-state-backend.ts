/**
 * The frame every state backend shares, so each one writes only how it stores:
 *
 * ```ts
 * const frame = createBackendFrame({ name: 'redis', label: 'Redis', where: redactUri(uri) });
 * return defineStateBackend(frame, {
 *   capabilities: { incrementalSave: true },
 *   methods: { load: (id) => read(id), save: (state) => write(state), saveChanges: … },
 *   release: () => client.quit(),
 * });
 * ```
 *
 * Every method then throws `BACKEND_CLOSED` once `close()` was called, `close()` releases once
 * and is safe to call again, and every failure is a `Q2gError` named after its operation with
 * the original as `cause` and the identity's secrets redacted (see `toOperationError`).
 */
import type { Q2gErrorCode } from '../errors/error-codes.js';
import { Q2gError } from '../errors/q2g-error.js';
import {
  BACKEND_METHODS,
  type BackendCall,
  type BackendCapabilities,
  type SyncStateBackend,
} from '../protocol/state-backend.js';
import { type BackendIdentity, toOperationError } from './backend-errors.js';

/** The closed guard and error naming of one backend instance. */
export interface BackendFrame {
  readonly identity: BackendIdentity;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /** Throws BACKEND_CLOSED when the backend was closed; `operation` names the refused call. */
  assertOpen(operation: string): void;
  /** Any failure of `operation` as a named, redacted Q2gError (see `toOperationError`). */
  toError(error: unknown, operation: string, fallback?: Q2gErrorCode): Q2gError;
  /** Marks the backend closed; true only the first time (so `close()` releases once). */
  markClosed(): boolean;
}

/** The methods a backend implements: `load` and `save`, plus the optional ones it offers. */
export type StateBackendMethods = Pick<SyncStateBackend, 'load' | 'save'> &
  Partial<Omit<SyncStateBackend, 'name' | 'capabilities' | 'load' | 'save' | 'close'>>;

/** What {@link defineStateBackend} assembles a backend from. */
export interface StateBackendParts<M extends StateBackendMethods> {
  /** What the backend declares (see `resolveCapabilities`). */
  capabilities?: BackendCapabilities;
  /** The storage work, free of closed checks and error mapping (an object or class instance). */
  methods: M;
  /** Releases connections, locks and handles; runs once, on the first `close()`. */
  release?: () => Promise<void>;
}

/** A framed backend: the contract's methods `M` has, plus `name`, `capabilities`, `close`, extras. */
export type FramedBackend<M extends StateBackendMethods, X extends object> = Pick<
  Required<SyncStateBackend>,
  keyof M & keyof StateBackendMethods
> &
  X & {
    readonly name: string;
    readonly capabilities: BackendCapabilities;
    /** Releases the backend once; every later call throws `BACKEND_CLOSED`. */
    close(): Promise<void>;
  };

/** A frame for one backend instance, to create before opening connections (for `toError`). */
export function createBackendFrame(identity: BackendIdentity): BackendFrame {
  let closed = false;
  const label = identity.label ?? identity.name;
  return {
    identity,
    get closed() {
      return closed;
    },
    assertOpen(operation: string) {
      if (!closed) return;
      const at = identity.where ? ` at ${identity.where}` : '';
      throw new Q2gError('BACKEND_CLOSED', `The ${label} backend${at} is closed (${operation}).`, {
        hint: 'Open a new backend instead of reusing a closed one.',
      });
    },
    toError: (error: unknown, operation: string, fallback?: Q2gErrorCode) =>
      toOperationError(identity, error, operation, fallback),
    markClosed() {
      const first = !closed;
      closed = true;
      return first;
    },
  };
}

/**
 * The backend `frame` guards: each method of `parts.methods` checked for close and its failures
 * named; `close()` idempotent. `extra` adds read-only facts (e.g. table names).
 */
export function defineStateBackend<M extends StateBackendMethods, X extends object = object>(
  frame: BackendFrame,
  parts: StateBackendParts<M>,
  extra?: X,
): FramedBackend<M, X> {
  const backend: Record<string, unknown> = {
    ...extra,
    name: frame.identity.name,
    capabilities: parts.capabilities ?? {},
  };
  const methods = parts.methods as unknown as Record<string, BackendCall | undefined>;
  for (const method of BACKEND_METHODS) {
    const fn = methods[method];
    if (method === 'close' || typeof fn !== 'function') continue;
    backend[method] = async (...args: unknown[]) => {
      frame.assertOpen(method);
      try {
        return await fn.apply(parts.methods, args);
      } catch (error) {
        throw frame.toError(error, method);
      }
    };
  }
  backend.close = async () => {
    if (!frame.markClosed()) return;
    try {
      await parts.release?.();
    } catch (error) {
      throw frame.toError(error, 'close', 'BACKEND_UNAVAILABLE');
    }
  };
  return backend as FramedBackend<M, X>;
}
