/** Start a sync: date range, album, media types. Goes to the session page once it runs. */
import { useEffect, useState } from 'preact/hooks';
import type { SyncPreview } from '../../shared/api-types.js';
import { send, whoAmI } from '../api.js';
import { navigate } from '../router.js';
import { QuotaPlanCard } from './quota-plan-card.js';

const MEDIA_TYPES = ['Photo', 'Video', 'TimeLapse', 'Burst', 'TimeLapseVideo', 'MultiClipEdit'];

/** The new-sync page: preview (a dry run with its quota plan), then start. */
export function NewSyncPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [album, setAlbum] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; result: SyncPreview } | null>(null);
  useEffect(() => {
    whoAmI().then(
      (me) => {
        if (me.demo) {
          setFrom((value) => value || me.demo!.from);
          setTo((value) => value || me.demo!.to);
        }
      },
      () => {},
    );
  }, []);
  const body = {
    from,
    to,
    ...(album.trim() ? { album: album.trim() } : {}),
    ...(types.length ? { mediaTypes: types } : {}),
  };
  // A preview stands for these exact choices; changing one makes Start begin a new session.
  const key = JSON.stringify(body);
  const previewed = preview?.key === key ? preview.result : null;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { sessionId } = previewed
        ? await send<{ sessionId: string }>(
            'POST',
            `/api/sessions/${encodeURIComponent(previewed.sessionId)}/resume`,
          )
        : await send<{ sessionId: string }>('POST', '/api/syncs', body);
      navigate(`/sessions/${encodeURIComponent(sessionId)}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const runPreview = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await send<SyncPreview>('POST', '/api/syncs', { ...body, dryRun: true });
      setPreview({ key, result });
    } catch (e) {
      setError((e as Error).message);
    }
    setBusy(false);
  };
  const toggle = (type: string) =>
    setTypes((list) => (list.includes(type) ? list.filter((t) => t !== type) : [...list, type]));
  return (
    <section>
      <h1>New sync</h1>
      <form class="card form" onSubmit={submit}>
        <div class="row">
          <label>
            From (capture date)
            <input
              type="date"
              required
              value={from}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label>
            To
            <input type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
        </div>
        <label>
          Album (optional)
          <input
            type="text"
            maxLength={500}
            value={album}
            placeholder="e.g. GoPro 2025"
            onInput={(e) => setAlbum(e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>Media types (none ticked = all)</legend>
          <div class="checks">
            {MEDIA_TYPES.map((type) => (
              <label key={type} class="check">
                <input
                  type="checkbox"
                  checked={types.includes(type)}
                  onChange={() => toggle(type)}
                />
                {type}
              </label>
            ))}
          </div>
        </fieldset>
        {error ? (
          <p role="alert" class="error">
            {error}
          </p>
        ) : null}
        <div class="row">
          <button type="button" disabled={busy || !from || !to} onClick={runPreview}>
            Preview requests and days
          </button>
          <button type="submit" disabled={busy}>
            {busy ? 'Working…' : 'Start sync'}
          </button>
        </div>
      </form>
      {previewed ? <QuotaPlanCard preview={previewed} /> : null}
    </section>
  );
}
