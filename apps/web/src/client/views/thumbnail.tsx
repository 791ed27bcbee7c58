/**
 * One thumbnail. The image is an API resource (it needs the page key header, which an `<img>`
 * cannot send), so it is fetched when the tile scrolls into view and shown from a blob URL;
 * the `<img>` is still `loading="lazy"`. A unit without a picture shows its kind instead.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { pageKeyHeaders } from '../page-key.js';

/** The picture of unit `unitKey` of session `sessionId`. */
export function Thumbnail(props: {
  sessionId: string;
  unitKey: string;
  alt: string;
  kind: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    const load = async () => {
      const path = `/api/sessions/${encodeURIComponent(props.sessionId)}/thumbnails/${encodeURIComponent(props.unitKey)}`;
      try {
        const res = await fetch(path, { credentials: 'same-origin', headers: pageKeyHeaders() });
        if (!res.ok) throw new Error(String(res.status));
        const blob = await res.blob();
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      } catch {
        if (!cancelled) setMissing(true);
      }
    };
    const element = holder.current;
    const observer =
      element && 'IntersectionObserver' in window
        ? new IntersectionObserver(
            (entries) => {
              if (entries.some((e) => e.isIntersecting)) {
                observer?.disconnect();
                void load();
              }
            },
            { rootMargin: '200px' },
          )
        : null;
    if (observer && element) observer.observe(element);
    else void load();
    return () => {
      cancelled = true;
      observer?.disconnect();
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.sessionId, props.unitKey]);
  return (
    <div class="thumb" ref={holder}>
      {src ? (
        <img src={src} alt={props.alt} loading="lazy" width={256} height={192} />
      ) : (
        <span class={missing ? 'thumb-empty none' : 'thumb-empty'}>
          {missing ? `no preview (${props.kind})` : 'loading…'}
        </span>
      )}
    </div>
  );
}
