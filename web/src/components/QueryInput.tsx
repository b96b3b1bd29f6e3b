import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { AutoComplete, Input } from 'antd';
import { api, type Suggestion } from '../api';

/** Marks an option value as a suggestion's index (never typed: a control character). */
const SUGGESTION = '\u0001';
const KIND_LABEL: Record<Suggestion['kind'], string> = { title: '标题', keyword: '关键词', entity: '实体', mechanism: '机制', region: '地区', category: '类别', theme: '主题', tag: '标签', year: '年份' };

/**
 * A query box that completes the word being typed (GET /api/suggest: titles, keywords, mechanisms, filter
 * values). Enter submits what was typed; a suggestion is taken only when the user moves onto it, and then
 * stands for the whole query it makes (the words before the last one are kept). `text`/`onText` hold the
 * typed text (a 检索 button beside the box reads it).
 */
export default function QueryInput({ text, onText, onSubmit, placeholder, ariaLabel, size, className, style }: {
  text: string; onText: (text: string) => void; onSubmit: (query: string) => void; placeholder: string; ariaLabel: string;
  size?: 'large' | 'middle'; className?: string; style?: CSSProperties;
}) {
  const [sugg, setSugg] = useState<Suggestion[]>([]);
  const pending = useRef<AbortController | null>(null);
  const enter = useRef<number | null>(null);
  // Whether the user moved onto a suggestion with the arrow keys since typing: the pointer resting over the
  // list also makes an option active, and Enter must not take that one.
  const arrowed = useRef(false);
  useEffect(() => () => { pending.current?.abort(); if (enter.current !== null) window.clearTimeout(enter.current); }, []);
  const onType = (v: string) => {
    arrowed.current = false;
    onText(v);
    pending.current?.abort();
    // Suggestions of the previous text would complete a query no longer typed: gone until the new ones arrive.
    setSugg([]);
    if (!v.trim()) return;
    const ctl = new AbortController();
    pending.current = ctl;
    // A trailing space ends the word: nothing is completed until the next one is begun.
    api.suggest(v.trimStart(), ctl.signal).then((r) => setSugg(r.items.slice(0, 10)), () => undefined);
  };
  const suggestionText = (v: string) => {
    if (!v.startsWith(SUGGESTION)) return v;
    const s = sugg[Number(v.slice(SUGGESTION.length))];
    return s?.query ?? s?.text ?? '';
  };
  const submit = (v: string) => { pending.current?.abort(); setSugg([]); arrowed.current = false; onSubmit(v.trim()); };
  // The input hears Enter before the list does: with an option active, the list then selects it. The typed
  // text is submitted a moment later unless the user had moved onto that option with the arrow keys (else
  // both would be searched, in turn, or the one under a resting pointer instead of what was typed).
  const onEnter = (typed: string) => { enter.current = window.setTimeout(() => { enter.current = null; submit(typed); }, 0); };
  const byEnterUnchosen = () => enter.current !== null && !arrowed.current;
  const onSelected = (v: string) => {
    if (byEnterUnchosen()) return;
    if (enter.current !== null) { window.clearTimeout(enter.current); enter.current = null; }
    submit(suggestionText(v));
  };
  return (
    <AutoComplete
      // Options are keyed, not valued by their text: the select activates an option whose value starts with
      // the typed text (睦邻 → 睦邻客厅), and Enter would then take it instead of what was typed.
      className={className} style={style} value={text} defaultActiveFirstOption={false}
      onChange={(v: string) => (v.startsWith(SUGGESTION) ? (byEnterUnchosen() ? undefined : onText(suggestionText(v))) : onType(v))}
      onSelect={onSelected}
      // Leaving the box (for a 检索 button beside it) drops suggestions still on their way.
      onBlur={() => { pending.current?.abort(); setSugg([]); }}
      options={[
        ...sugg.map((s, i) => ({ value: `${SUGGESTION}${i}`, key: `${s.kind}-${i}`, label: <span>{s.text} <span className="zz-muted">· {KIND_LABEL[s.kind] ?? s.kind}</span></span> })),
        // With no option active the list's ArrowUp lands one short of the end (it steps from index −1 to
        // −2 and wraps): a hidden, unselectable last option makes that step land on the last suggestion.
        ...(sugg.length ? [{ value: `${SUGGESTION}end`, key: 'end', disabled: true, className: 'zz-list-end', label: null }] : []),
      ]}
    >
      <Input size={size} placeholder={placeholder} aria-label={ariaLabel} allowClear onPressEnter={(e) => onEnter((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => { if (e.key === 'ArrowDown' || e.key === 'ArrowUp') arrowed.current = true; }} />
    </AutoComplete>
  );
}
