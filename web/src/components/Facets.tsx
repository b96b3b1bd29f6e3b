import { useState, type ReactNode } from 'react';
import { Card, Collapse, Grid, Skeleton } from 'antd';
import type { SearchResult } from '../api';
import { FILTER_LABELS } from '../urlState';

/** An option; `onPath` for the chosen region and its ancestors (excluding one would contradict the choice). */
interface Option { value: string; label: string; count: number; onPath?: boolean }

/** Values listed before 更多 (regions: a province's cities and districts are often more than a dozen). */
const FIRST_VALUES = 12;
const FIRST_REGIONS = 20;

/** Values the server returns per facet at most (buildFacets in src/search/search.ts). */
const FACET_CAP = 100;

/**
 * Regions as a drill-down: the top level (provinces, and anything whose parent is not listed) until one is
 * chosen; then the chosen region's ancestors, itself and its children (city → district → street), indented.
 */
function regionOptions(f: SearchResult['facets'], active: string | undefined): Option[] {
  const list = f.region ?? [];
  const byCode = new Map(list.map((r) => [r.code, r]));
  const option = (r: (typeof list)[number], depth: number) => ({ value: r.code, label: `${'\u3000'.repeat(depth)}${r.name}`, count: r.count });
  const chosen = active ? byCode.get(active) : undefined;
  if (!chosen) return list.filter((r) => !r.parent || !byCode.has(r.parent)).map((r) => option(r, 0));
  const path: (typeof list)[number][] = [];
  for (let r: (typeof list)[number] | undefined = chosen; r && !path.includes(r); r = r.parent ? byCode.get(r.parent) : undefined) path.unshift(r);
  return [...path.map((r, i) => ({ ...option(r, i), onPath: true })), ...list.filter((r) => r.parent === chosen.code).map((r) => option(r, path.length))];
}

function options(f: SearchResult['facets'], key: string, active: string | undefined): Option[] {
  if (key === 'region') return regionOptions(f, active);
  if (key === 'collection') return (f.collection ?? []).map((c) => ({ value: c.value, label: c.label, count: c.count }));
  const list = (f as unknown as Record<string, { value: string; count: number }[] | undefined>)[key] ?? [];
  const sorted = key === 'year' ? [...list].sort((a, b) => String(b.value).localeCompare(String(a.value))) : list;
  return sorted.map((v) => ({ value: String(v.value), label: String(v.value), count: v.count }));
}

/**
 * Facet lists with counts; clicking a value toggles the filter. With `onExclude`, each value not chosen
 * has a small − button that leaves its documents out instead (the search page writes -类别:… into the query).
 */
export default function Facets({ facets, active, onToggle, onExclude, keys, loading }: {
  facets?: SearchResult['facets']; active: Record<string, string | undefined>; onToggle: (key: string, value: string | undefined) => void;
  onExclude?: (key: string, value: string) => void; keys: readonly string[]; loading?: boolean;
}) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  if (!facets) return <div style={{ minHeight: 420 }}><Skeleton active paragraph={{ rows: 10 }} /></div>;
  return (
    <nav aria-label="分面筛选" style={{ opacity: loading ? 0.6 : 1 }}>
      {keys.map((key) => {
        const all = options(facets, key, active[key]);
        if (!all.length) return null;
        const first = key === 'region' ? FIRST_REGIONS : FIRST_VALUES;
        let opts = expanded[key] ? all : all.slice(0, first);
        // The chosen value stays in view when it is not among the first ones (年份:2008 in a long year list).
        const chosen = all.find((o) => o.value === active[key]);
        if (chosen && !opts.includes(chosen)) opts = [...opts, chosen];
        const hidden = all.length - (expanded[key] ? Math.min(all.length, first) : opts.length);
        const label = FILTER_LABELS[key] ?? key;
        // The server sends the commonest values only: more may exist than are listed.
        const capped = all.length >= FACET_CAP && key !== 'region';
        return (
          <div className="zz-facet" key={key}>
            <h4>{label}</h4>
            {opts.map((o) => {
              const on = active[key] === o.value;
              return (
                <div className="zz-facet-row" key={o.value}>
                  <button type="button" className={`zz-facet-item${on ? ' active' : ''}`} aria-pressed={on}
                    onClick={() => onToggle(key, on ? undefined : o.value)}>
                    <span>{o.label}</span><span className="zz-muted">{o.count}</span>
                  </button>
                  {onExclude && !on && !o.onPath && (
                    <button type="button" className="zz-facet-exclude" title="排除" aria-label={`排除${FILTER_LABELS[key] ?? key}「${o.label.trim()}」`}
                      onClick={() => onExclude(key, o.value)}>−</button>
                  )}
                </div>
              );
            })}
            {hidden > 0 && (
              <button type="button" className="zz-facet-more" aria-expanded={!!expanded[key]}
                onClick={() => setExpanded({ ...expanded, [key]: !expanded[key] })}>
                {expanded[key] ? `收起${label}` : `更多${label}（${capped ? `前 ${FACET_CAP} 项中` : ''}还有 ${hidden} 项）`}
              </button>
            )}
            {capped && expanded[key] && (
              <div className="zz-muted zz-facet-cap">只列出文档最多的 {FACET_CAP} 项；其余可在检索框输入“{label}:”查找</div>
            )}
          </div>
        );
      })}
    </nav>
  );
}

/**
 * A region as the query language names it without ambiguity: its names from the province down (上海市宝山区,
 * not the code 310113 nor 宝山区, which two cities have). The code when the facet does not list it. Built
 * from the facet's own parent links: the server's region table (regionPath) is too large for the browser.
 */
export function regionQueryName(facets: SearchResult['facets'] | undefined, code: string): string {
  const byCode = new Map((facets?.region ?? []).map((r) => [r.code, r]));
  const names: string[] = [];
  for (let r = byCode.get(code); r && names.length < 6; r = r.parent ? byCode.get(r.parent) : undefined) names.unshift(r.name);
  return names.length ? names.join('') : code;
}

/** Label for an active filter chip: region codes are shown by name when the facet knows them. */
export function filterLabel(facets: SearchResult['facets'] | undefined, key: string, value: string): string {
  for (const r of facets?.region ?? []) namesSeen.set(`region:${r.code}`, r.name);
  for (const c of facets?.collection ?? []) namesSeen.set(`collection:${c.value}`, c.label);
  if (key === 'region' || key === 'collection') return namesSeen.get(`${key}:${value}`) ?? value;
  return value;
}

/** Names of regions and collections from facets seen before, for a chip when the current results list none (0 hits). */
const namesSeen = new Map<string, string>();

/** A card beside the results on wide screens; a collapsed panel above them on phones. */
export function FacetPanel({ children, activeCount }: { children: ReactNode; activeCount: number }) {
  const screens = Grid.useBreakpoint();
  if (screens.md === false) {
    return <Collapse size="small" style={{ marginBottom: 12, background: '#fff' }}
      items={[{ key: 'f', label: `筛选${activeCount ? `（已选 ${activeCount} 项）` : ''}`, children }]} />;
  }
  return <Card size="small" title="筛选">{children}</Card>;
}
