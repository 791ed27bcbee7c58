import { chapterName, type EmulatedMedia, frameName, photoName } from './media-record.js';

/** Where a descriptor lists an object. */
export type DescriptorSection = 'files' | 'variations' | 'sidecar_files';

/** One stored object of a media item (an original, a proxy or a sidecar) as the CDN serves it. */
export interface MediaObject {
  label: string;
  itemNumber: number;
  /** Lower-case file type (`mp4`, `jpg`, `gpr`, `360`, `json`, `gpx`). */
  type: string;
  size: number;
  /** The camera file name sent in Content-Disposition. */
  name: string;
  width: number;
  height: number;
  quality: string;
  available: boolean;
  /** The client-side part name when this object is an original to transfer. */
  original?: string;
}

/** A descriptor entry: which section lists which object. */
export interface DescriptorEntry {
  section: DescriptorSection;
  object: MediaObject;
}

/** Options that change how descriptors look ([?] in the spec). */
export interface ObjectLayoutOptions {
  /** Where the RAW `raw_photo` entry of a RAW photo is listed. */
  rawLocation: 'variations' | 'sidecar_files';
  /** Whether chaptered videos also offer a derived `concat` variation. */
  includeConcat: boolean;
}

const SIDE = 2048;

/** The content key of an object: the seed of its bytes. */
export function contentKey(media: EmulatedMedia, object: MediaObject): string {
  return `${media.id}/${object.label}/${object.itemNumber}`;
}

function obj(
  partial: Partial<MediaObject> & Pick<MediaObject, 'label' | 'type' | 'size' | 'name'>,
) {
  return {
    itemNumber: 1,
    width: 1920,
    height: 1080,
    quality: '1080p',
    available: true,
    ...partial,
  } satisfies MediaObject;
}

function videoExtras(media: EmulatedMedia, total: number, ready: boolean): DescriptorEntry[] {
  const proxy = obj({
    label: 'high_res_proxy_mp4',
    type: 'mp4',
    size: Math.max(1024, Math.floor(total / 8)),
    name: chapterName(media, 1).replace(/\.\w+$/, '.MP4'),
    available: ready,
  });
  const low = obj({
    label: 'mp4_low',
    type: 'mp4',
    size: Math.max(512, Math.floor(total / 64)),
    name: proxy.name,
    width: 426,
    height: 240,
    quality: '240p',
    available: ready,
  });
  return [
    { section: 'files', object: proxy },
    { section: 'variations', object: proxy },
    { section: 'variations', object: low },
  ];
}

function sidecars(media: EmulatedMedia, chapters: number): DescriptorEntry[] {
  const out: DescriptorEntry[] = [];
  for (let n = 1; n <= chapters; n++) {
    out.push({
      section: 'sidecar_files',
      object: obj({ label: 'gpmf', type: 'mp4', size: SIDE, name: `gpmf-${n}.mp4`, itemNumber: n }),
    });
  }
  out.push({
    section: 'sidecar_files',
    object: obj({ label: 'mediainfo', type: 'json', size: SIDE, name: `${media.id}.json` }),
  });
  return out;
}

/** Every descriptor entry of `media`, in the shapes of spec §3.3. Pure: computed on demand. */
export function descriptorEntries(
  media: EmulatedMedia,
  layout: ObjectLayoutOptions,
): DescriptorEntry[] {
  const [first = 0] = media.partSizes;
  const ready = media.readyToView === 'ready';
  const big = { width: 3840, height: 2160, quality: '2160p' };
  const photo = { width: 4000, height: 3000, quality: '3000p' };
  switch (media.kind) {
    case 'photo':
    case 'raw-photo': {
      const jpeg = obj({ label: 'source', type: 'jpg', size: first, name: photoName(media) });
      const entries: DescriptorEntry[] = [
        { section: 'files', object: { ...jpeg, ...photo, original: 'source' } },
        { section: 'variations', object: { ...jpeg, ...photo, original: 'source' } },
      ];
      if (media.kind === 'raw-photo') {
        const gpr = obj({
          label: 'raw_photo',
          type: 'gpr',
          size: media.rawSize ?? 0,
          name: photoName(media, true),
          original: 'raw',
          ...photo,
        });
        entries.push({ section: layout.rawLocation, object: gpr });
      }
      return entries;
    }
    case 'burst': {
      const entries: DescriptorEntry[] = media.partSizes.map((size, i) => ({
        section: 'files',
        object: obj({
          label: 'source',
          type: 'jpg',
          size,
          name: frameName(media, i + 1),
          itemNumber: i + 1,
          original: `frame-${i + 1}`,
          ...photo,
        }),
      }));
      const cover = entries[0]?.object;
      if (cover) entries.push({ section: 'variations', object: { ...cover } });
      return entries;
    }
    case 'edit': {
      const render = obj({
        label: 'baked_source',
        type: 'mp4',
        size: first,
        name: `${media.id}.mp4`,
        original: 'render',
      });
      const proxy = obj({
        label: 'edit_proxy',
        type: 'mp4',
        size: Math.max(1024, Math.floor(first / 4)),
        name: `${media.id}.mp4`,
        width: 1280,
        height: 720,
        quality: '720p',
      });
      if (media.renderInFiles) {
        // no rendered `source`: the render is files[0], with the rendered video's dimensions
        return [
          { section: 'files', object: { ...render, label: 'source' } },
          { section: 'variations', object: proxy },
          {
            section: 'sidecar_files',
            object: obj({ label: 'edl_mce', type: 'json', size: SIDE, name: 'edl.json' }),
          },
        ];
      }
      return [
        { section: 'files', object: proxy },
        { section: 'variations', object: render },
        { section: 'variations', object: proxy },
        {
          section: 'sidecar_files',
          object: obj({ label: 'edl_mce', type: 'json', size: SIDE, name: 'edl.json' }),
        },
      ];
    }
    default: {
      const total = media.partSizes.reduce((a, b) => a + b, 0);
      const chaptered = media.partSizes.length > 1;
      const entries: DescriptorEntry[] = media.partSizes.map((size, i) => ({
        section: 'variations',
        object: obj({
          label: 'source',
          type: media.kind === 'max360' ? '360' : 'mp4',
          size,
          name: chapterName(media, i + 1),
          itemNumber: i + 1,
          original: chaptered ? `chapter-${i + 1}` : 'source',
          ...big,
        }),
      }));
      const extras = videoExtras(media, total, ready);
      if (media.kind === 'max360' && media.rendered) {
        const flat = extras[0]!.object;
        flat.available = true;
        flat.original = 'rendered';
      }
      entries.push(...extras);
      if (chaptered && layout.includeConcat) {
        const concat = obj({ label: 'concat', type: 'mp4', size: total, name: 'concat.mp4' });
        entries.push({ section: 'variations', object: { ...concat, available: ready, ...big } });
      }
      entries.push(...sidecars(media, media.partSizes.length));
      return entries;
    }
  }
}

/** The object at CDN path `<label>/<item>` of `media`, if it exists. */
export function findObject(
  media: EmulatedMedia,
  layout: ObjectLayoutOptions,
  label: string,
  itemNumber: number,
): MediaObject | undefined {
  for (const entry of descriptorEntries(media, layout)) {
    if (entry.object.label === label && entry.object.itemNumber === itemNumber) return entry.object;
  }
  return undefined;
}

/** The originals of `media`, each once, keyed by the client-side part name. */
export function originalObjects(media: EmulatedMedia, layout: ObjectLayoutOptions): MediaObject[] {
  const seen = new Set<string>();
  const out: MediaObject[] = [];
  for (const { object } of descriptorEntries(media, layout)) {
    if (object.original && !seen.has(object.original)) {
      seen.add(object.original);
      out.push(object);
    }
  }
  return out;
}
