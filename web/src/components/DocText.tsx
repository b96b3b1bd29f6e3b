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

function pieces(text: string, sents: [number, number][], from: number, to: number, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  for (const [s, e] of sents) {
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (b <= a) continue;
    out.push(<span key={`${keyPrefix}${a}`} className="zz-sent" data-start={a} data-end={b}>{text.slice(a, b)}</span>);
  }
  return out;
}

/**
 * The document's original text, rendered as plain text split into sentence spans. The active span is
 * wrapped in one <mark class="zz-active"> whose text is exactly text.slice(start, end), and scrolled to.
 */
function DocText({ text, active }: { text: string; active?: ActiveSpan | null }) {
  const sents = useMemo(() => sentenceRanges(text), [text]);
  const markRef = useRef<HTMLElement>(null);
  const a = active && active.end > active.start && active.start < text.length
    ? { start: Math.max(0, active.start), end: Math.min(text.length, active.end) } : null;
  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [active?.seq, active?.start, active?.end]);
  if (!a) return <div className="zz-doc-text" data-testid="doc-text">{pieces(text, sents, 0, text.length, 's')}</div>;
  return (
    <div className="zz-doc-text" data-testid="doc-text">
      {pieces(text, sents, 0, a.start, 'b')}
      <mark ref={markRef} className="zz-active" data-testid="active-span" data-start={a.start} data-end={a.end} tabIndex={-1}>
        {text.slice(a.start, a.end)}
      </mark>
      {pieces(text, sents, a.end, text.length, 'a')}
    </div>
  );
}

export default memo(DocText);
