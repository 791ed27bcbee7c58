/** Start a sync: date range, album, media types. Goes to the session page once it runs. */
import { useEffect, useState } from 'preact/hooks';
import { send, whoAmI } from '../api.js';
import { navigate } from '../router.js';

const MEDIA_TYPES = ['Photo', 'Video', 'TimeLapse', 'Burst', 'TimeLapseVideo', 'MultiClipEdit'];

/** The new-sync page. */
export function NewSyncPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [album, setAlbum] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { sessionId } = await send<{ sessionId: string }>('POST', '/api/syncs', {
        from,
        to,
        ...(album.trim() ? { album: album.trim() } : {}),
        ...(types.length ? { mediaTypes: types } : {}),
      });
      navigate(`/sessions/${encodeURIComponent(sessionId)}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
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
        <button type="submit" disabled={busy}>
          {busy ? 'Starting…' : 'Start sync'}
        </button>
      </form>
    </section>
  );
}
