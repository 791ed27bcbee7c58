import { createRandom, hashString } from '../shared/random.js';
import {
  type EmulatedKind,
  type ItemSpec,
  ItemSpecSchema,
  type LibraryOptions,
  type LibraryOptionsInput,
  LibraryOptionsSchema,
} from './library-spec.js';
import type { EmulatedMedia } from './media-record.js';

const TYPE_BY_KIND: Record<EmulatedKind, string> = {
  photo: 'Photo',
  'raw-photo': 'Photo',
  video: 'Video',
  'chaptered-video': 'Video',
  burst: 'Burst',
  'timelapse-video': 'TimeLapseVideo',
  edit: 'MultiClipEdit',
  max360: 'Video',
};

const EXT_BY_KIND: Record<EmulatedKind, string> = {
  photo: 'jpg',
  'raw-photo': 'jpg',
  video: 'mp4',
  'chaptered-video': 'mp4',
  burst: 'jpg',
  'timelapse-video': 'mp4',
  edit: 'json',
  max360: '360',
};

const CAMERAS = ['HERO12 Black', 'HERO11 Black', 'HERO10 Black', 'MAX', 'HERO13 Black'];

/** The fixed fixtures of spec §5, by name. Sizes are small so tests stay fast. */
const FIXTURES: { name: string; spec: Partial<ItemSpec> & Pick<ItemSpec, 'kind'> }[] = [
  { name: 'photo', spec: { kind: 'photo', size: 150_000 } },
  { name: 'raw-photo', spec: { kind: 'raw-photo', size: 120_000 } },
  { name: 'video', spec: { kind: 'video', size: 1_500_000 } },
  { name: 'chaptered-video', spec: { kind: 'chaptered-video', size: 700_000, parts: 3 } },
  { name: 'burst', spec: { kind: 'burst', size: 60_000, parts: 6, filename: '' } },
  { name: 'edit', spec: { kind: 'edit', size: 800_000, filename: '' } },
  { name: 'max360', spec: { kind: 'max360', size: 900_000 } },
  { name: 'transcoding', spec: { kind: 'video', size: 500_000, readyToView: 'transcoding' } },
  { name: 'same-name-a', spec: { kind: 'photo', size: 90_000, filename: 'GOPR0001.JPG' } },
  { name: 'same-name-b', spec: { kind: 'photo', size: 95_000, filename: 'GOPR0001.JPG' } },
];

/** A deterministic GoPro library: the same seed and options give the same items and bytes. */
export class GoProLibrary {
  /** The account that owns every item. */
  readonly ownerId: string;
  readonly options: LibraryOptions;
  /** Bumped by every change (new captures, deletions); search caches key on it. */
  version = 0;
  readonly #seed: number;
  #media: EmulatedMedia[];
  #created: number;
  readonly #byId = new Map<string, EmulatedMedia>();
  readonly #byNumericId = new Map<number, EmulatedMedia>();
  readonly #fixtures = new Map<string, string>();

  constructor(seed: number, input: LibraryOptionsInput = {}) {
    this.options = LibraryOptionsSchema.parse(input);
    this.#seed = seed;
    const random = createRandom(hashString(`library:${seed}`));
    this.ownerId = uuidFrom(random);
    const all: EmulatedMedia[] = [];
    const from = Date.parse(this.options.from);
    const to = Date.parse(this.options.to);
    const add = (spec: ItemSpec, capturedMs: number, fixture?: string) => {
      const index = all.length;
      const media = buildMedia(seed, index, spec, capturedMs);
      if (fixture) media.fixture = fixture;
      all.push(media);
      return media;
    };
    if (this.options.fixtures) {
      const base = Date.parse('2025-06-01T08:00:00.000Z');
      FIXTURES.forEach(({ name, spec }, i) => {
        const media = add(ItemSpecSchema.parse(spec), base + i * 86_400_000, name);
        this.#fixtures.set(name, media.id);
      });
    }
    for (const group of this.options.items) {
      const start = group.capturedAt ? Date.parse(group.capturedAt) : undefined;
      for (let i = 0; i < group.count; i++) {
        add(group, start === undefined ? from + random() * (to - from) : start + i * 60_000);
      }
    }
    const mix = Object.entries(this.options.mix).filter(([, w]) => (w ?? 0) > 0) as [
      EmulatedKind,
      number,
    ][];
    const weight = mix.reduce((sum, [, w]) => sum + w, 0);
    for (let i = 0; i < this.options.extra && weight > 0; i++) {
      const kind = pickWeighted(mix, random() * weight);
      const spec = ItemSpecSchema.parse({ kind, sizeRange: this.options.sizeRange });
      add(spec, Math.floor(from + random() * (to - from)));
    }
    all.sort(newestFirst);
    this.#media = all;
    this.#created = all.length;
    for (const media of all) {
      this.#byId.set(media.id, media);
      this.#byNumericId.set(media.numericId, media);
    }
  }

  /** Every item, newest capture first (ties by id). */
  get media(): readonly EmulatedMedia[] {
    return this.#media;
  }

  /**
   * Adds `count` new photos captured after every item (a new capture arriving at the top of the
   * listing while a client pages through it, spec §7 G4). Deterministic for the seed.
   */
  insertNewest(count: number): EmulatedMedia[] {
    const newest = this.#media[0]?.capturedMs ?? Date.parse(this.options.to);
    const added: EmulatedMedia[] = [];
    for (let i = count; i >= 1; i--) {
      const spec = ItemSpecSchema.parse({ kind: 'photo', sizeRange: this.options.sizeRange });
      const media = buildMedia(this.#seed, this.#created++, spec, newest + i * 60_000);
      this.#byId.set(media.id, media);
      this.#byNumericId.set(media.numericId, media);
      added.push(media);
    }
    this.#media = [...added, ...this.#media].sort(newestFirst);
    this.version += 1;
    return added;
  }

  /** Deletes the item at 1-based `position` of the newest-first order (spec §7 G4). */
  removeAt(position: number): EmulatedMedia | undefined {
    const media = this.#media[position - 1];
    if (!media) return undefined;
    this.#media = this.#media.filter((m) => m !== media);
    this.#byId.delete(media.id);
    this.#byNumericId.delete(media.numericId);
    this.version += 1;
    return media;
  }

  /** The item with this id. */
  byId(id: string): EmulatedMedia | undefined {
    return this.#byId.get(id);
  }

  /** The item with this numeric internal id (CDN paths). */
  byNumericId(id: number): EmulatedMedia | undefined {
    return this.#byNumericId.get(id);
  }

  /** The id of a named fixture (`photo`, `chaptered-video`, `same-name-a`, …). */
  fixtureId(name: string): string {
    const id = this.#fixtures.get(name);
    if (!id)
      throw new Error(`no fixture named "${name}" (fixtures: ${[...this.#fixtures.keys()]})`);
    return id;
  }

  /** Names of the fixtures present. */
  get fixtureNames(): string[] {
    return [...this.#fixtures.keys()];
  }
}

function newestFirst(a: EmulatedMedia, b: EmulatedMedia): number {
  return b.capturedMs - a.capturedMs || (a.id < b.id ? -1 : 1);
}

function pickWeighted(mix: [EmulatedKind, number][], point: number): EmulatedKind {
  let left = point;
  for (const [kind, w] of mix) {
    left -= w;
    if (left < 0) return kind;
  }
  return mix[mix.length - 1]![0];
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function buildMedia(seed: number, index: number, spec: ItemSpec, capturedMs: number) {
  const random = createRandom(hashString(`media:${seed}:${index}`));
  const id = Array.from({ length: 24 }, () => Math.floor(random() * 16).toString(16)).join('');
  const sizeOf = () => {
    if (spec.size !== undefined) return spec.size;
    const [min, max] = spec.sizeRange ?? [20_000, 400_000];
    return Math.floor(min + random() * (max - min + 1));
  };
  const count =
    spec.kind === 'chaptered-video'
      ? (spec.parts ?? 3)
      : spec.kind === 'burst'
        ? (spec.parts ?? 6)
        : 1;
  const partSizes = Array.from({ length: count }, sizeOf);
  const named = spec.filename?.match(/(\d{4})\.\w+$/);
  const counter = named ? Number(named[1]) : 1 + Math.floor(random() * 9_998);
  const isPhoto = spec.kind === 'photo' || spec.kind === 'raw-photo' || spec.kind === 'burst';
  const media: EmulatedMedia = {
    id,
    numericId: 100_000_000 + index,
    kind: spec.kind,
    type: TYPE_BY_KIND[spec.kind],
    filename: '',
    fileExtension: EXT_BY_KIND[spec.kind],
    capturedMs,
    createdMs: capturedMs + 3_600_000 + Math.floor(random() * 86_400_000),
    readyToView: spec.readyToView,
    partSizes,
    rawSize: spec.kind === 'raw-photo' ? Math.max(1, Math.floor((partSizes[0] ?? 0) * 1.6)) : null,
    rendered: spec.rendered,
    exportRender: spec.exportRender,
    renderInFiles: spec.renderInFiles,
    staleBytes: spec.staleBytes,
    counter,
    cameraModel: spec.kind === 'max360' ? 'MAX' : CAMERAS[counter % CAMERAS.length]!,
    width: isPhoto ? 4000 : 3840,
    height: isPhoto ? 3000 : 2160,
  };
  media.filename = spec.filename ?? defaultFilename(media);
  return media;
}

function defaultFilename(media: EmulatedMedia): string {
  const n = String(media.counter).padStart(4, '0');
  switch (media.kind) {
    case 'photo':
    case 'raw-photo':
      return `GOPR${n}.JPG`;
    case 'burst':
      return `G${String(media.counter % 1000).padStart(3, '0')}0001.JPG`;
    case 'edit':
      return '';
    case 'max360':
      return `GS01${n}.360`;
    default:
      return `GX01${n}.MP4`;
  }
}
