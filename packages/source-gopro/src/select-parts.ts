import type { DescriptorEntry, DownloadDescriptor } from './schemas.js';
import type { GoProSourceOptions } from './source-options.js';

/** One original chosen from a download descriptor. */
export interface SelectedPart {
  /** `source`, `raw`, `chapter-<n>`, `frame-<n>`, `frame-<n>-raw`, `render` or `rendered`. */
  part: string;
  entry: DescriptorEntry;
  /** Lower-case file extension of the part. */
  extension: string;
}

/** GoPro types whose `file_extension` is an edit decision list, not a file (spec §3.2). */
export const EDIT_TYPES = new Set(['MultiClipEdit', 'Edit']);

/** Labels of flat renders that can stand in for a `.360` file, best first ([?] in the spec). */
const RENDERED_LABELS = ['baked_source', 'high_res_proxy_mp4', 'edit_proxy'];

/** The camera file name a signed URL offers in `response-content-disposition`, if any. */
export function cameraNameOf(url: string): string | undefined {
  try {
    const disposition = new URL(url).searchParams.get('response-content-disposition') ?? '';
    return /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function extensionOf(entry: DescriptorEntry, fallback: string): string {
  if (entry.type) return entry.type.toLowerCase();
  const path = (() => {
    try {
      return new URL(entry.url).pathname;
    } catch {
      return '';
    }
  })();
  return /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? fallback;
}

const byItem = (a: DescriptorEntry, b: DescriptorEntry) =>
  (a.item_number ?? 1) - (b.item_number ?? 1);

/**
 * The originals of an item per spec §3.2: an edit's `baked_source` (else its first `files[]`
 * entry, spec §7 G5); one `source` variation per
 * chapter; one `files[]` entry per burst frame (never the cover); otherwise the single `source`
 * (falling back to `files[0]`); RAW `.gpr` entries per the `raw` option; never `concat`.
 * For a `.360` item with `max360: 'rendered'`, the best flat render instead (empty if none).
 */
export function selectParts(
  type: string,
  fileExtension: string,
  descriptor: DownloadDescriptor,
  options: Pick<GoProSourceOptions, 'raw' | 'max360'>,
): SelectedPart[] {
  const { files, variations, sidecar_files: sidecars } = descriptor._embedded;
  const pick = (part: string, entry: DescriptorEntry, fallback: string): SelectedPart => ({
    part,
    entry,
    extension: extensionOf(entry, fallback),
  });
  if (EDIT_TYPES.has(type)) {
    // an edit with no rendered `source` is served through files[] (spec §7 G5)
    const render = variations.find((v) => v.label === 'baked_source') ?? files[0];
    return render ? [pick('render', render, 'mp4')] : [];
  }
  if (fileExtension.toLowerCase() === '360') {
    if (options.max360 !== 'rendered') return [];
    for (const label of RENDERED_LABELS) {
      const flat = variations.find(
        (v) => v.label === label && v.available !== false && extensionOf(v, 'mp4') === 'mp4',
      );
      if (flat) return [pick('rendered', flat, 'mp4')];
    }
    return [];
  }
  const raws = [...variations, ...sidecars].filter((e) => e.label === 'raw_photo').sort(byItem);
  const withRaw = (
    part: string,
    jpeg: SelectedPart | undefined,
    itemNumber: number,
  ): SelectedPart[] => {
    const raw = raws.find((r) => (r.item_number ?? 1) === itemNumber);
    const rawPart = raw ? pick(part === 'source' ? 'raw' : `${part}-raw`, raw, 'gpr') : undefined;
    if (!rawPart || options.raw === 'jpeg') return jpeg ? [jpeg] : [];
    if (options.raw === 'raw') return [rawPart];
    return jpeg ? [jpeg, rawPart] : [rawPart];
  };
  const sources = variations.filter((v) => v.label === 'source').sort(byItem);
  if (sources.length > 1) {
    return sources.map((v, i) => pick(`chapter-${v.item_number ?? i + 1}`, v, 'mp4'));
  }
  if (files.length > 1) {
    return [...files]
      .sort(byItem)
      .flatMap((f, i) =>
        withRaw(
          `frame-${f.item_number ?? i + 1}`,
          pick(`frame-${f.item_number ?? i + 1}`, f, 'jpg'),
          f.item_number ?? i + 1,
        ),
      );
  }
  const single = sources[0] ?? files[0];
  return withRaw(
    'source',
    single ? pick('source', single, fileExtension.toLowerCase() || 'mp4') : undefined,
    1,
  );
}

/** The descriptor entry of a unit's `part` (named as the listing names it), if present. */
export function findPart(
  descriptor: DownloadDescriptor,
  part: string,
): DescriptorEntry | undefined {
  const all = { raw: 'both', max360: 'rendered' } as const;
  const [type, extension] =
    part === 'render' ? ['Edit', 'mp4'] : part === 'rendered' ? ['Video', '360'] : ['', ''];
  return selectParts(type, extension, descriptor, all).find((p) => p.part === part)?.entry;
}
