import type { GoProSandboxSettings } from '@q2google/sandbox';
import type { GooglePhotosSettings } from '@q2google/sink-gphotos';

/** Connection facts of a pair of running emulators; JSON-safe, so any child can build clients. */
export interface Wiring {
  goproApiUrl: string;
  goproCdnUrl: string;
  /** The pasted token of `goproSettings`, for the bare baselines. */
  goproToken: string;
  /** The sandbox's GoPro settings (a pasted token), for the real source. */
  goproSettings: GoProSandboxSettings;
  gphotosUrl: string;
  /** A long-lived access token, for the bare baselines (they skip OAuth). */
  gphotosAccessToken: string;
  /** The sandbox's Google Photos settings, whose token file holds a grant, for the real sink. */
  googleSettings: GooglePhotosSettings;
  /**
   * `HTTPS_PROXY` for a client with Google's fixed host names (rclone): a CONNECT front that
   * tunnels them to the Google emulator (`src/emulators/connect-front.ts`).
   */
  googleFrontUrl: string;
}

/** What one emulator process reports about itself. */
export interface HostSnapshot {
  /** Requests per route so far. */
  counts: Record<string, number>;
  /** `process.cpuUsage()` of the emulator process, microseconds. */
  cpu: { user: number; system: number };
  rssBytes: number;
}

/** Both emulator processes at one moment. */
export interface EmulatorSnapshot {
  gopro: HostSnapshot;
  google: HostSnapshot;
}

/** A request to the emulator host over IPC. */
export type HostRequest =
  | { id: number; op: 'snapshot' }
  | { id: number; op: 'library' }
  | { id: number; op: 'close' };

/** One media item of the emulated GoPro library (for baselines). */
export interface LibraryEntry {
  id: string;
  kind: string;
  filename: string;
  size: number;
}
