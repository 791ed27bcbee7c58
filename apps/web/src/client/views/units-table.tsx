/** A session's units: filter by status, search by file name, links to created items. */
import { useState } from 'preact/hooks';
import { bytes, when } from '../format.js';
import { StatusFilter, useUnitPage } from './unit-page.js';

const STATUSES = [
  '',
  'created',
  'failed',
  'skipped',
  'uploaded',
  'uploading',
  'creating',
  'discovered',
].map((value) => ({ value, label: value || 'all' }));
const PAGE = 100;

/** The units table; `version` changes reload it (a run ended). */
export function UnitsTable(props: { id: string; version: string }) {
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const page = useUnitPage(props.id, props.version, { offset, limit: PAGE, status, q }, 150);
  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">Units</h2>
      <div class="row filters">
        <StatusFilter
          label="Status"
          value={status}
          options={STATUSES}
          onChange={(value) => {
            setStatus(value);
            setOffset(0);
          }}
        />
        <label>
          Search file name
          <input
            type="search"
            value={q}
            onInput={(e) => {
              setQ(e.currentTarget.value);
              setOffset(0);
            }}
          />
        </label>
      </div>
      {page ? (
        <>
          <p class="hint" aria-live="polite">
            {page.total} unit{page.total === 1 ? '' : 's'}
            {page.total > PAGE
              ? `, showing ${offset + 1}–${Math.min(offset + PAGE, page.total)}`
              : ''}
          </p>
          <div class="table-wrap">
            <table class="units" data-testid="units-table">
              <caption class="sr-only">Units of this session</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Status</th>
                  <th scope="col">Size</th>
                  <th scope="col" class="wide">
                    Captured
                  </th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {page.units.map((unit) => (
                  <tr key={unit.key}>
                    <td class="file">{unit.fileName}</td>
                    <td>
                      <span class={`status ${unit.status}`}>{unit.status}</span>
                    </td>
                    <td>{bytes(unit.size)}</td>
                    <td class="wide">{when(unit.capturedAt)}</td>
                    <td>
                      {unit.productUrl ? (
                        <a href={unit.productUrl} target="_blank" rel="noopener noreferrer">
                          Open in Google Photos
                        </a>
                      ) : unit.error ? (
                        `${unit.error.code}: ${unit.error.message}`
                      ) : unit.skip ? (
                        `${unit.skip.reason}: ${unit.skip.detail}`
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page.total > PAGE ? (
            <div class="actions">
              <button
                type="button"
                class="secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Previous
              </button>
              <button
                type="button"
                class="secondary"
                disabled={offset + PAGE >= page.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Next
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <p>Loading…</p>
      )}
    </section>
  );
}
