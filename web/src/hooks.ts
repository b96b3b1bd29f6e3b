import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText } from './api';
import { DEFAULT_CATEGORIES } from './constants';

export interface AsyncState<T> { data: T | undefined; error: string | undefined; loading: boolean; reload: () => void }

/** Runs `fn` whenever `deps` change, cancelling the previous request; keeps the last data while reloading. */
export function useAsync<T>(fn: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(undefined);
    fnRef.current(ctl.signal).then(
      (d) => { if (!ctl.signal.aborted) { setData(d); setLoading(false); } },
      (e) => { if (!ctl.signal.aborted) { setError(errorText(e)); setLoading(false); } },
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

let categoriesCache: Promise<string[]> | undefined;

/** The library's category list (GET /api/settings), cached for the session; falls back to the defaults. */
export function useCategories(): string[] {
  const [cats, setCats] = useState<string[]>([...DEFAULT_CATEGORIES]);
  useEffect(() => {
    categoriesCache ??= api.settings().then((s) => s.categories, () => [...DEFAULT_CATEGORIES]);
    let live = true;
    void categoriesCache.then((c) => { if (live && c.length) setCats(c); });
    return () => { live = false; };
  }, []);
  return cats;
}

export function invalidateCategories(): void { categoriesCache = undefined; }

let themesCache: Promise<string[]> | undefined;

/** The governance themes a document may be filed under (the server's taxonomy). */
export function useThemeNames(): string[] {
  const [themes, setThemes] = useState<string[]>([]);
  useEffect(() => {
    themesCache ??= api.settings().then((s) => s.themes ?? [], () => []);
    let live = true;
    void themesCache.then((t) => { if (live) setThemes(t); });
    return () => { live = false; };
  }, []);
  return themes;
}
