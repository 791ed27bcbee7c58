/** What the gallery and the units table share: one page of a session's units, and the status filter. */
import { useEffect, useState } from 'preact/hooks';
import type { UnitPage } from '../../shared/api-types.js';
import { getJson } from '../api.js';

/** One choice of a status filter: the status (empty: all) and how it reads. */
export interface StatusOption {
  value: string;
  label: string;
}

/**
 * One page of a session's units from `/units`, reloaded when the session, its `version` or the
 * query changes; `delayMs` waits for typing to settle. Null until the first page arrives.
 */
export function useUnitPage(
  id: string,
  version: string,
  query: { offset: number; limit: number; status: string; q?: string },
  delayMs = 0,
): UnitPage | null {
  const [page, setPage] = useState<UnitPage | null>(null);
  const { offset, limit, status, q } = query;
  useEffect(() => {
    const params = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (status) params.set('status', status);
    if (q?.trim()) params.set('q', q.trim());
    const timer = setTimeout(() => {
      getJson<UnitPage>(`/api/sessions/${encodeURIComponent(id)}/units?${params}`).then(
        setPage,
        () => setPage({ units: [], total: 0 }),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [id, version, offset, limit, status, q, delayMs]);
  return page;
}

/** A labelled status drop-down; `onChange` gets the chosen status. */
export function StatusFilter(props: {
  label: string;
  value: string;
  options: readonly StatusOption[];
  onChange(status: string): void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
