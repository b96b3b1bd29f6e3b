import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';

export interface ActiveSpan { start: number; end: number; seq: number }

/** Sentence ranges [start, end) over `text`: ends after 。！？!?； (plus closing quotes) or a newline. */
export function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[。！？!?；;]+[”’」』）)]*|\n+/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end > start) out.push([start, end]);
    start = end;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** text[a, b) with the parts inside `marks` (sorted, not overlapping) wrapped in numbered <mark>s. */
function marked(text: string, a: number, b: number, marks: [number, number][], current: number): ReactNode {
  let k = firstEndingAfter(marks, a);
  if (k >= marks.length || marks[k][0] >= b) return text.slice(a, b);
  const out: ReactNode[] = [];
  let at = a;
  for (; k < marks.length && marks[k][0] < b; k++) {
    const s = Math.max(a, marks[k][0]);
    const e = Math.min(b, marks[k][1]);
    if (s > at) out.push(text.slice(at, s));
    out.push(<mark key={s} className={k === current ? 'zz-mark zz-mark-current' : 'zz-mark'} data-mark={k}>{text.slice(s, e)}</mark>);
    at = e;
  }
  if (at < b) out.push(text.slice(at, b));
  return out;
}

function firstEndingAfter(marks: [number, number][], at: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (marks[mid][1] <= at) lo = mid + 1; else hi = mid; }
  return lo;
}

function pieces(text: string, sents: [number, number][], from: number, to: number, keyPrefix: string, marks: [number, number][], current: number): ReactNode[] {
  const out: ReactNode[] = [];
  for (const [s, e] of sents) {
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (b <= a) continue;
    out.push(<span key={`${keyPrefix}${a}`} className="zz-sent" data-start={a} data-end={b}>{marked(text, a, b, marks, current)}</span>);
  }
  return out;
}

/** One empty list of marks, so that a page without any passes the same array each render (DocText is memoised). */
export const NO_MARKS: [number, number][] = [];

/**
 * The document's original text, rendered as plain text split into sentence spans. The active span is
 * wrapped in one <mark class="zz-active"> whose text is exactly text.slice(start, end), and scrolled to.
 * `marks` (sorted [start, end) ranges, e.g. where a search's words stand) are <mark class="zz-mark"
 * data-mark={index}> outside the active span; the one numbered `current` also has class zz-mark-current.
 */
function DocText({ text, active, marks = NO_MARKS, current = -1 }: { text: string; active?: ActiveSpan | null; marks?: [number, number][]; current?: number }) {
  const sents = useMemo(() => sentenceRanges(text), [text]);
  const markRef = useRef<HTMLElement>(null);
  const a = active && active.end > active.start && active.start < text.length
    ? { start: Math.max(0, active.start), end: Math.min(text.length, active.end) } : null;
  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [active?.seq, active?.start, active?.end]);
  if (!a) return <div className="zz-doc-text" data-testid="doc-text">{pieces(text, sents, 0, text.length, 's', marks, current)}</div>;
  return (
    <div className="zz-doc-text" data-testid="doc-text">
      {pieces(text, sents, 0, a.start, 'b', marks, current)}
      <mark ref={markRef} className="zz-active" data-testid="active-span" data-start={a.start} data-end={a.end} tabIndex={-1}>
        {text.slice(a.start, a.end)}
      </mark>
      {pieces(text, sents, a.end, text.length, 'a', marks, current)}
    </div>
  );
}

export default memo(DocText);
