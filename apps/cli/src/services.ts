import type { BackendRegistry, MediaSink, MediaSource } from '@q2google/core';
import type { CliConfig } from './context.js';

/** Opens what a command works with, from validated settings. Tests inject fakes. */
export interface Services {
  /** The state-backend registry for these settings (plugins, search folders). */
  registry(config: CliConfig): BackendRegistry;
  /** The GoPro cloud as a media source. */
  source(config: CliConfig): Promise<MediaSource>;
  /** Google Photos as a media sink. */
  sink(config: CliConfig): Promise<MediaSink>;
}
