/**
 * The fault matrix: every injected fault kind at every stage where the real service can produce
 * it, as emulator fault rules. A cell a stage cannot suffer says why (it is listed in the report,
 * not silently dropped).
 */
import type {
  FaultRuleInput,
  GooglePhotosEmulatorOptionsInput,
  ItemSpecInput,
} from '@q2google/sandbox';

/** A stage of the sync. */
export type FaultStage = 'discovery' | 'transfer' | 'create';

/** The fault kinds the matrix covers, as the issue names them. */
export const FAULT_KINDS = [
  '401',
  '403 expired URL',
  '429',
  'daily quota',
  '5xx',
  'reset mid-body',
  'slow body',
  'lost response',
  'stale size',
  'expired upload token',
  '400 expired signing session',
  'library changes mid-listing',
  'album full',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One cell: the rules to inject (into which emulator), any items the GoPro library needs
 * besides the matrix's own, options of the Google emulator, and extra command-line arguments
 * and environment of each run — or why the stage cannot see the kind.
 */
export type FaultCell =
  | {
      gopro?: FaultRuleInput[];
      google?: FaultRuleInput[];
      goproItems?: ItemSpecInput[];
      googleOptions?: GooglePhotosEmulatorOptionsInput;
      args?: string[];
      env?: Record<string, string>;
    }
  | { notApplicable: string };

/** The album capacity of the `album full` cell, in the emulator and in the client alike. */
export const SMALL_ALBUM = 5;

const twice = { skip: 1, times: 2 } as const;
const search = (rule: Omit<FaultRuleInput, 'route'>): FaultCell => ({
  gopro: [{ route: 'gopro.search', ...twice, ...rule }],
});
const cdn = (rule: Omit<FaultRuleInput, 'route'>): FaultCell => ({
  gopro: [{ route: 'cdn.get', ...twice, ...rule }],
});
const upload = (rule: Omit<FaultRuleInput, 'route'>): FaultCell => ({
  google: [{ route: 'gphotos.upload', ...twice, ...rule }],
});
const create = (rule: Omit<FaultRuleInput, 'route'>): FaultCell => ({
  google: [{ route: 'gphotos.batchCreate', skip: 0, times: 1, ...rule }],
});
const na = (notApplicable: string): FaultCell => ({ notApplicable });

/** Every kind × stage. */
export const FAULT_MATRIX: Record<FaultKind, Record<FaultStage, FaultCell>> = {
  '401': {
    discovery: search({ kind: 'http-401' }),
    transfer: { gopro: [{ route: 'gopro.download', ...twice, kind: 'http-401' }] },
    create: create({ kind: 'http-401' }),
  },
  '403 expired URL': {
    discovery: na('discovery fetches no signed URL'),
    transfer: cdn({ kind: 'http-403-expired' }),
    create: na('create fetches no signed URL'),
  },
  '429': {
    discovery: search({ kind: 'http-429', retryAfterSeconds: 1 }),
    transfer: upload({ kind: 'quota-minute', retryAfterSeconds: 1 }),
    create: create({ kind: 'quota-minute', retryAfterSeconds: 1 }),
  },
  'daily quota': {
    discovery: na('GoPro has no daily quota; discovery makes no Google call'),
    transfer: upload({ kind: 'quota-daily', skip: 1, times: 1 }),
    create: create({ kind: 'quota-daily' }),
  },
  '5xx': {
    discovery: search({ kind: 'http-502' }),
    transfer: cdn({ kind: 'http-500' }),
    create: create({ kind: 'http-503' }),
  },
  'reset mid-body': {
    discovery: search({ kind: 'reset' }),
    transfer: {
      gopro: [{ route: 'cdn.get', ...twice, kind: 'reset-mid-body', afterBytes: 20_000 }],
      google: [{ route: 'gphotos.upload', ...twice, kind: 'drop-after-bytes', afterBytes: 20_000 }],
    },
    create: na('a dropped batchCreate is the lost-response cell'),
  },
  'slow body': {
    discovery: search({ kind: 'delay', delayMs: 400 }),
    transfer: cdn({ kind: 'slow-body', delayMs: 150 }),
    create: create({ kind: 'slow', delayMs: 800 }),
  },
  'lost response': {
    discovery: na('discovery sends no batchCreate'),
    transfer: upload({ kind: 'lost-response' }),
    create: create({ kind: 'lost-response' }),
  },
  'stale size': {
    discovery: search({ kind: 'stale-size', skip: 0, times: 3 }),
    transfer: na('the size is stale from discovery; transfer is where it is detected'),
    create: na('create never sees sizes'),
  },
  'expired upload token': {
    discovery: na('no upload token exists yet'),
    transfer: upload({ kind: 'expire-token' }),
    create: na('tokens are issued by uploads; create is where expiry is detected'),
  },
  '400 expired signing session': {
    discovery: na('discovery fetches no signed URL'),
    transfer: cdn({ kind: 'http-400-expired-token' }),
    create: na('create fetches no signed URL'),
  },
  'library changes mid-listing': {
    // Before page 2 the newest item (read on page 1, not ready, so never transferred) is
    // deleted, sliding an unread item onto page 1; before page 3 a new capture arrives at the
    // top. Page 3's total equals page 1's again, but page 2's did not.
    discovery: {
      goproItems: [
        {
          kind: 'photo',
          size: 30_000,
          readyToView: 'transcoding',
          capturedAt: '2026-06-01T00:00:00.000Z',
        },
      ],
      gopro: [
        { route: 'gopro.search', kind: 'insert-top', skip: 2, times: 1 },
        { route: 'gopro.search', kind: 'delete-at-1', skip: 1, times: 1 },
      ],
    },
    transfer: na('the library is listed in discovery only'),
    create: na('the library is listed in discovery only'),
  },
  'album full': {
    discovery: na('discovery sends nothing to an album'),
    transfer: na('uploads go to no album; create places items in albums'),
    // Albums of 5 for 12 units, and the answer of the first batchCreate lost: the units of the
    // lost batch are settled in the album they were first sent to, none lands in two albums
    // and none in a full one.
    create: {
      google: [{ route: 'gphotos.batchCreate', skip: 0, times: 1, kind: 'lost-response' }],
      googleOptions: { albumCapacity: SMALL_ALBUM },
      args: ['--album', 'Trip'],
      env: { Q2G_ALBUM_CAPACITY: String(SMALL_ALBUM) },
    },
  },
};
