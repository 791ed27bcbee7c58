/** A session's gallery: thumbnails of created and pending units, a page at a time, by status. */
import { useState } from 'preact/hooks';
import { Thumbnail } from './thumbnail.js';
import { StatusFilter, useUnitPage } from './unit-page.js';

const FILTERS = [
  { value: 'created', label: 'created' },
  { value: '', label: 'all' },
  { value: 'discovered', label: 'pending' },
  { value: 'uploaded', label: 'uploaded' },
  { value: 'failed', label: 'failed' },
  { value: 'skipped', label: 'skipped' },
];
/** Thumbnails per page. */
export const GALLERY_PAGE = 24;

/**
 * The gallery panel; `version` changes reload it (a run ended). Until the reader picks a status
 * it shows `initialStatus` (created units when there are some, else all).
 */
export function Gallery(props: { id: string; version: string; initialStatus: string }) {
  const [chosen, setStatus] = useState<string | null>(null);
  const status = chosen ?? props.initialStatus;
  const [offset, setOffset] = useState(0);
  const page = useUnitPage(props.id, props.version, { offset, limit: GALLERY_PAGE, status });
  const last = page ? Math.min(offset + GALLERY_PAGE, page.total) : 0;
  return (
    <section aria-labelledby="gallery-title">
      <h2 id="gallery-title">Gallery</h2>
      <div class="row filters">
        <StatusFilter
          label="Show"
          value={status}
          options={FILTERS}
          onChange={(value) => {
            setStatus(value);
            setOffset(0);
          }}
        />
      </div>
      {page ? (
        <>
          <p class="hint" aria-live="polite">
            {page.total === 0
              ? 'No units with this status.'
              : `Showing ${offset + 1}–${last} of ${page.total}`}
          </p>
          <ul class="gallery" data-testid="gallery">
            {page.units.map((u) => (
              <li key={u.key}>
                <figure>
                  <Thumbnail sessionId={props.id} unitKey={u.key} alt={u.fileName} kind={u.kind} />
                  <figcaption>
                    <span class="file">{u.fileName}</span>{' '}
                    <span class={`status ${u.status}`}>{u.status}</span>
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
          {page.total > GALLERY_PAGE ? (
            <nav class="actions" aria-label="Gallery pages">
              <button
                type="button"
                class="secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - GALLERY_PAGE))}
              >
                Previous page
              </button>
              <button
                type="button"
                class="secondary"
                disabled={last >= page.total}
                onClick={() => setOffset(offset + GALLERY_PAGE)}
              >
                Next page
              </button>
            </nav>
          ) : null}
        </>
      ) : (
        <p class="hint">Loading…</p>
      )}
    </section>
  );
}
