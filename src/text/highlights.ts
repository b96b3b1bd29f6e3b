// Highlights (亮点): the document's own numbered points when it has them (1. **推动实名注册**：…), each
// with the sentences that belong to it; otherwise its most central sentences.
import type { Span } from '../domain/analysis.js';
import { isHeadingOrMeta, stripMarker, type Sentence } from './sentences.js';
import { scoreSentences } from './summary.js';
import type { Token } from './segment.js';

export interface HighlightOptions {
  /** Maximum number of highlights. Default 12. */
  max?: number;
  /** Key sentences returned when the document has no numbered points. Default 5. */
  keySentences?: number;
  /** `segment(text)` when already computed (used only for key sentences). */
  tokens?: Token[];
  /** A point longer than this (characters) stops absorbing follow-up sentences. Default 160. */
  maxItemChars?: number;
}

export interface Highlight {
  text: string;
  spans: Span[];
  marker?: string;
}

/** Markers that number points; bullets ('-') and sequence words (首先) only continue a point. */
const NUMBERED = /^(\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|[①-⑳])$/;
/** A sentence opening like this sums up the list rather than continuing the last point. */
const CONCLUDING = /^(这些|总之|综上|总体|整体来看|总的来看|通过这一系列|以上|此外|由此|可见|这一系列|上述)/;

/** Markers of a document's sections (一、 （一）), as against list items (1. ①). */
const SECTION = /^([一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])$/;
/** A section heading this short (after its marker) that opens its paragraph is continued by it (default 12). */
const RUN_IN_HEADING_CHARS = 12;

function isNumbered(s: Sentence): boolean {
  return !!s.marker && NUMBERED.test(s.marker);
}

/** Numbered points: each numbered sentence plus its follow-ups (sub-bullets, and short continuations
 * in the same paragraph before the next point). The last point of a list takes only sub-bullets. */
function numberedPoints(text: string, sentences: Sentence[], maxItemChars: number): Highlight[] {
  const out: Highlight[] = [];
  const numbered = sentences.map(isNumbered);
  // whether a later numbered sentence shares the paragraph, per paragraph, filled back to front
  // (one pass instead of a search per point: long reports have hundreds of points)
  const laterInParagraph = new Set<number>();
  const hasNext: boolean[] = new Array<boolean>(sentences.length);
  for (let i = sentences.length - 1; i >= 0; i--) {
    hasNext[i] = laterInParagraph.has(sentences[i].paragraph);
    if (numbered[i]) laterInParagraph.add(sentences[i].paragraph);
  }
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (!numbered[i]) continue;
    let end = s.end;
    let j = i + 1;
    // 一、总体要求。坚持…: a short heading whose text runs on in its paragraph is one point with that text.
    // Only a section heading (一、 or （一）) that opens its paragraph: 3. 加强宣传。 is a short list item.
    const runIn = SECTION.test(s.marker ?? '') && sentences[i - 1]?.paragraph !== s.paragraph
      && stripMarker(s.text).replace(/\*\*|__/g, '').replace(/[。：:.\s]+$/u, '').length <= RUN_IN_HEADING_CHARS;
    const isLast = !hasNext[i] && !runIn;
    for (; j < sentences.length; j++) {
      const t = sentences[j];
      if (t.paragraph !== s.paragraph || numbered[j]) break;
      const bullet = t.marker === '-' || t.marker === '•' || t.marker === '·';
      if (!bullet && (isLast || CONCLUDING.test(t.text) || end - s.start > maxItemChars)) break;
      end = t.end;
    }
    // A numbered section heading (一、背景与问题) whose text follows in other paragraphs is not a point.
    if (j === i + 1 && isHeadingOrMeta(text, s)) continue;
    // Markdown emphasis is shown as plain text; the span still covers the source as written.
    out.push({ text: text.slice(s.start, end).replace(/\*\*|__/g, ''), spans: [{ start: s.start, end }], marker: s.marker });
  }
  return out;
}

/** The document's numbered points when there are at least two; otherwise its key sentences. */
export function extractHighlights(text: string, sentences: Sentence[], opts: HighlightOptions = {}): Highlight[] {
  const max = opts.max ?? 12;
  const points = numberedPoints(text, sentences, opts.maxItemChars ?? 160);
  if (points.length >= 2) return points.slice(0, max);
  const { scores } = scoreSentences(text, { sentenceList: sentences, tokens: opts.tokens });
  const k = Math.min(max, opts.keySentences ?? 5);
  const content = sentences.map((s, i) => ({ s, score: scores[i] })).filter(({ s }) => !isHeadingOrMeta(text, s));
  return (content.length ? content : sentences.map((s, i) => ({ s, score: scores[i] })))
    .sort((a, b) => b.score - a.score || a.s.start - b.s.start)
    .slice(0, k)
    .sort((a, b) => a.s.start - b.s.start)
    .map(({ s }) => ({ text: s.text.replace(/\*\*|__/g, ''), spans: [{ start: s.start, end: s.end }], ...(s.marker ? { marker: s.marker } : {}) }));
}
