/** Connection facts of a pair of running emulators; JSON-safe, so any child can build clients. */
export interface Wiring {
  goproApiUrl: string;
  goproCdnUrl: string;
  goproToken: string;
  goproUserId: string;
  gphotosUrl: string;
  /** A long-lived access token, for the bare baselines (they skip OAuth). */
  gphotosAccessToken: string;
  /** A refresh token for the real sink's OAuth flow. */
  refreshToken: string;
  endpoints: { oauth2TokenUrl: string; oauth2AuthBaseUrl: string };
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
