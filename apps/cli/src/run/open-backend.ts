import { DEFAULT_STATE_PATH, redactUri, type SyncStateBackend } from '@q2google/core';
import type { CliContext } from '../context.js';
import type { CliLoadedConfig } from '../wiring/cli-settings.js';

/** An opened state backend and how to name it in messages (password masked). */
export interface OpenedBackend {
  backend: SyncStateBackend;
  label: string;
  close(): Promise<void>;
}

/** Opens the configured state backend through the registry (a session's first step). */
export async function openBackend(
  ctx: Pick<CliContext, 'services'> & { loaded: CliLoadedConfig },
): Promise<OpenedBackend> {
  const { config } = ctx.loaded;
  const backend = await ctx.services.registry(config).open(config.stateUri);
  return {
    backend,
    label: redactUri(config.stateUri ?? DEFAULT_STATE_PATH),
    close: async () => {
      await backend.close?.();
    },
  };
}

/** ` --state URI` when the state location was given as a flag (so a follow-up command needs it). */
export function stateFlagOf(loaded: CliLoadedConfig): string {
  const uri = loaded.config.stateUri;
  if (loaded.origins.stateUri !== 'flag' || uri === undefined) return '';
  return ` --state ${quoteArg(redactUri(uri))}`;
}

/** A shell argument, quoted when it needs to be. */
export function quoteArg(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
