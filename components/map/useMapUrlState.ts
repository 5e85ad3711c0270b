'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseMapState, serializeMapState, type MapUrlState } from '@/lib/render/urlState';

export type MapStatePatch = Partial<MapUrlState> | ((current: MapUrlState) => Partial<MapUrlState>);
export type UpdateMapState = (patch: MapStatePatch, mode?: 'push' | 'replace') => void;

/** How long after a click on a link to another page the map leaves the URL alone. */
const LEAVING_MS = 5000;

/**
 * The map state lives in the URL (lib/render/urlState.ts). Updates apply at once (a controlled checkbox must
 * not flip back while the router catches up) and are written with the History API; a URL that changes from
 * outside (back/forward, a link) is read back through Next's search params. Filter changes push a history
 * entry; map moves replace the current one.
 */
export function useMapUrlState(): [MapUrlState, UpdateMapState, string | null] {
  const params = useSearchParams();
  const search = params.toString();
  const [state, setState] = useState(() => parseMapState(search));
  const [seen, setSeen] = useState(search);
  if (search !== seen) {
    setSeen(search);
    const parsed = parseMapState(search);
    if (serializeMapState(parsed) !== serializeMapState(state)) setState(parsed);
  }

  // A link to another page was just followed: while Next fetches that page, a history write (the map settling after
  // its first fit, on a slow machine) replaces the pending navigation and the click is lost. Seen in e2e under load.
  const leavingUntil = useRef(0);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      // A click that opens another tab leaves this page where it is.
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest('a[href]:not([target="_blank"])') : null;
      if (
        a instanceof HTMLAnchorElement &&
        a.origin === window.location.origin &&
        a.pathname !== window.location.pathname
      ) {
        leavingUntil.current = Date.now() + LEAVING_MS;
      }
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);

  const update = useCallback<UpdateMapState>((patch, mode = 'push') => {
    // Read the location, not the rendered state: two updates before a re-render must both land.
    const current = parseMapState(window.location.search);
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    setState(next);
    if (Date.now() < leavingUntil.current) return;
    const qs = serializeMapState(next);
    const lang = new URLSearchParams(window.location.search).get('lang');
    const full = [qs, lang === 'en' ? 'lang=en' : ''].filter(Boolean).join('&');
    const url = `${window.location.pathname}${full ? `?${full}` : ''}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    window.history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
  }, []);
  return [state, update, params.get('lang')];
}
