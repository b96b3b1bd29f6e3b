import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** Reads and writes page state in the query string, so every view has its own URL. */
export function useUrlState(): [URLSearchParams, (patch: Record<string, string | undefined>, resetPage?: boolean) => void] {
  const [sp, setSp] = useSearchParams();
  const update = useCallback((patch: Record<string, string | undefined>, resetPage = true) => {
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (resetPage && !('page' in patch)) next.delete('page');
      return next;
    });
  }, [setSp]);
  return [sp, update];
}

export const FILTER_KEYS = ['category', 'theme', 'region', 'year', 'tag', 'collection'] as const;
export const FILTER_LABELS: Record<string, string> = { category: '类别', theme: '主题', region: '地区', year: '年份', tag: '标签', collection: '专题' };
