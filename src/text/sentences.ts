// Chinese sentence splitting with offsets. Survives quotes and brackets, decimals (93.6万, 3.5%) and
// numbered structures (1. / （一） / 一、 / 一是 / 首先), which also start a new sentence and are recorded
// as `marker`.

export interface Sentence {
  /** text === input.slice(start, end), trimmed of surrounding whitespace. */
  text: string;
  start: number;
  end: number;
  /** 0-based position in the returned list. */
  index: number;
  /** 0-based index of the non-empty line (paragraph) the sentence belongs to. */
  paragraph: number;
  /** Leading enumeration marker: '1.', '（一）', '一、', '一是', '首先', '①', '-' … */
  marker?: string;
}

/** Over this many characters without 。！？, a sentence is split at ；/;. */
const LONG_SENTENCE = 150;
/** Over this many characters without ；, a sentence is split at ，/, (pieces of ~LONG_SENTENCE chars). */
const VERY_LONG = 300;
/** Inside a quote or bracket that has run this long, it was probably never closed: split anyway. */
const MAX_QUOTE_SPAN = 200;

const OPENERS = '“‘「『（(《〈【[';
const CLOSERS = '”’」』）)》〉】]';
const TERMINATORS = '。！？!?';
const CN_NUM = '[一二三四五六七八九十]{1,3}';
const SEQ_WORDS = '首先|其次|再次|最后|此外|另外|第一|第二|第三|第四|第五|第六|第七|第八|第九|第十';

/** Enumeration marker at the start of a sentence (after optional markdown emphasis). Group 1 = marker. */
const RE_MARKER = new RegExp(
  [
    String.raw`^(\d{1,2}[.．、](?!\d))`,
    String.raw`^([（(]${CN_NUM}[)）])`,
    String.raw`^([（(]\d{1,2}[)）])`,
    `^(${CN_NUM}、)`,
    `^(${CN_NUM}是)(?=[^\\s，。])`,
    `^((?:${SEQ_WORDS})(?=[，,：:]))`,
    '^([①-⑳])',
    String.raw`^([-•·*])(?=\s)`,
  ].join('|'),
  'u',
);

/** Where a new item begins mid-line: a boundary char (or whitespace) followed by a marker. The lookahead
 * keeps the marker in the next sentence. */
const RE_ITEM_START = new RegExp(
  [
    String.raw`(?<=[：:；;。！？!?…\s]\**)(?=\d{1,2}[.．、](?!\d)\s*\S)`,
    String.raw`(?<=[：:；;。！？!?…\s])(?=[（(]${CN_NUM}[)）])`,
    `(?<=[：:；;。！？!?…\\s])(?=${CN_NUM}、)`,
    `(?<=[：:；;。！？!?…，,\\s])(?=${CN_NUM}是[^\\s，。])`,
    `(?<=[：:；;。！？!?…\\s])(?=[①-⑳])`,
    String.raw`(?<=[：:；;。！？!?\s])(?=[-•·]\s)`,
  ].join('|'),
  'gu',
);

/** Character classes for the scanning loop (bit 1 opener, 2 closer, 4 terminator). */
const CLASS = new Uint8Array(65536);
for (const c of OPENERS) CLASS[c.charCodeAt(0)] |= 1;
for (const c of CLOSERS) CLASS[c.charCodeAt(0)] |= 2;
for (const c of TERMINATORS) CLASS[c.charCodeAt(0)] |= 4;
const DOT = 46;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\r';
}

/** Splits one paragraph [from, to) into raw [start, end) pieces at terminators and item starts. */
function splitParagraph(text: string, from: number, to: number): [number, number][] {
  const cuts = new Set<number>();
  const para = text.slice(from, to);
  RE_ITEM_START.lastIndex = 0;
  for (let m = RE_ITEM_START.exec(para); m; m = RE_ITEM_START.exec(para)) {
    if (m[0] === '' && RE_ITEM_START.lastIndex === m.index) RE_ITEM_START.lastIndex++;
    // 一是 must not fire inside words (统一是): require that the item looks like a series (二是 exists too).
    const rest = para.slice(m.index, m.index + 3);
    if (/^[一二三四五六七八九十]{1,3}是/.test(rest)) {
      const n = rest[0];
      const next = n === '一' ? '二是' : '';
      if (next && !para.includes(next, m.index)) continue;
      if (n !== '一' && !para.includes('一是')) continue;
    }
    cuts.add(from + m.index);
  }
  const depthOpen: number[] = []; // positions of open quotes/brackets
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const cls = CLASS[code];
    if (cls === 0 && code !== DOT) continue;
    const c = text[i];
    if (cls & 1) {
      depthOpen.push(i);
      continue;
    }
    if (cls & 2) {
      depthOpen.pop();
      // 。” ends the sentence after the closing quote
      if (depthOpen.length === 0 && i > from && CLASS[text.charCodeAt(i - 1)] & 4) cuts.add(i + 1);
      continue;
    }
    // An ASCII full stop between Chinese characters (方法.仿真) ends a sentence; in 3.5 or 1. it does not.
    if (code === DOT && !(i > from && /[\p{Script=Han}）)”」]/u.test(text[i - 1]) && (i + 1 >= to || /[\p{Script=Han}\s“「（(]/u.test(text[i + 1])))) continue;
    if ((c === '!' || c === '?') && i + 1 < to && /[\w]/.test(text[i + 1])) continue;
    if (depthOpen.length && i - depthOpen[depthOpen.length - 1] < MAX_QUOTE_SPAN) continue;
    if (depthOpen.length) depthOpen.length = 0; // unbalanced: stop waiting for the closer
    let j = i + 1;
    while (j < to && (CLASS[text.charCodeAt(j)] & 4 || text[j] === '…')) j++;
    if (j < to && CLASS[text.charCodeAt(j)] & 2) continue; // the closer cuts (handled above)
    cuts.add(j);
  }
  const bounds = [from, ...[...cuts].filter((c) => c > from && c < to).sort((a, b) => a - b), to];
  const pieces: [number, number][] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    if (bounds[k] < bounds[k + 1]) for (const piece of splitLong(text, bounds[k], bounds[k + 1])) pieces.push(piece);
  }
  return pieces;
}

/** Splits an over-long piece at ；/; (keeping the semicolon with the left part); a piece still longer
 * than VERY_LONG (text without semicolons, or without any sentence punctuation) is split at ，/,. */
function splitLong(text: string, s: number, e: number): [number, number][] {
  if (e - s <= LONG_SENTENCE) return [[s, e]];
  const out: [number, number][] = [];
  const cutAt = (from: number, to: number, marks: string, minLeft: number, sink: [number, number][]) => {
    let last = from;
    for (let i = from; i < to; i++) {
      if (marks.includes(text[i]) && i + 1 - last >= minLeft && to - (i + 1) >= 10) {
        sink.push([last, i + 1]);
        last = i + 1;
      }
    }
    sink.push([last, to]);
  };
  const semi: [number, number][] = [];
  cutAt(s, e, '；;', 20, semi);
  for (const [a, b] of semi) {
    if (b - a > VERY_LONG) cutAt(a, b, '，,', LONG_SENTENCE, out);
    else out.push([a, b]);
  }
  return out;
}

/** Splits text into sentences with offsets; each newline is a paragraph break. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let any = false;
    for (const [ps, pe] of splitParagraph(text, lineStart, lineEnd)) {
      let s = ps;
      let e = pe;
      while (s < e && (isSpace(text[s]) || text[s] === '\n')) s++;
      while (e > s && (isSpace(text[e - 1]) || text[e - 1] === '\n')) e--;
      if (s >= e) continue;
      const t = text.slice(s, e);
      if (/^[\p{P}\p{S}\s]*$/u.test(t) && out.length && out[out.length - 1].paragraph === paragraph) {
        // a lone closing mark: glue it to the previous sentence
        const prev = out[out.length - 1];
        prev.end = e;
        prev.text = text.slice(prev.start, e);
        continue;
      }
      const sentence: Sentence = { text: t, start: s, end: e, index: out.length, paragraph };
      const m = RE_MARKER.exec(t.replace(/^\*\*/, ''));
      if (m) sentence.marker = m.slice(1).find((g) => g !== undefined);
      out.push(sentence);
      any = true;
    }
    if (any) paragraph++;
    lineStart = lineEnd + 1;
  }
  return out;
}

/** The sentence text without its leading marker and markdown emphasis, e.g. for one-line summaries. */
export function stripMarker(text: string): string {
  return text
    .replace(/^\*\*/, '')
    .replace(RE_MARKER, '')
    .replace(/^[\s*:：、.．，,]+/, '')
    .trim();
}

/** Metadata lines of web pages and exports (来源：… 发布时间：… 作者：…): not content. */
const RE_META = /^(来源|信息来源|文章来源|发布时间|发布日期|发文日期|时间|日期|作者|记者|通讯员|编辑|责任编辑|审核|分类|类别|栏目|标签|关键词|原标题|原文链接|链接|浏览次数|阅读量|字号|索引号|主题分类)\s*[:：]/;
/** Editorial notes (【说明】…, 注：…, 免责声明：…): about the text, not part of it. */
const RE_NOTE = /^(【(说明|注|注释|备注|声明|免责声明|特别说明|编者注)】|(说明|注|注释|备注|声明|免责声明|特别说明|编者注)\s*[:：])/;
/** A whole line in one pair of brackets: an aside (（演示转载稿：…）, 【研究笔记｜…】, （记者 张三）, （完）). */
const RE_ASIDE = /^[（(【〔［[][^（()）【】〔〕［\]]*[）)】〕］\]][。.]?$/;
/** Sentence-final punctuation: a line ending with one is a sentence, not a heading. */
const RE_FINAL = /[。！？!?；;…]["”’」』）)]*$/;

/**
 * Whether a sentence is structure rather than content: a heading (a short line of its own without
 * sentence-final punctuation or commas: 社会治理研究知识库, 一、背景与问题, （二）主要做法, ## 做法), a
 * metadata line, an editorial note, or an aside in brackets on a line of its own. Summaries, highlights
 * and case cards leave these out.
 */
export function isHeadingOrMeta(text: string, s: Sentence): boolean {
  const core = stripMarker(s.text).replace(/^#+\s*/, '').replace(/\*\*/g, '').trim();
  if (RE_META.test(core) || RE_NOTE.test(core)) return true;
  if (RE_ASIDE.test(core)) return aloneOnLine(text, s);
  if ([...core].length > 30 || RE_FINAL.test(core) || /[，,]/.test(core)) return false;
  return aloneOnLine(text, s);
}

function aloneOnLine(text: string, s: Sentence): boolean {
  // Only blanks between it and the line breaks (scanned outwards, stopping at the first other
  // character, so long paragraphs cost nothing).
  let i = s.start - 1;
  while (i >= 0 && text[i] !== '\n' && /\s/.test(text[i])) i--;
  if (i >= 0 && text[i] !== '\n') return false;
  let j = s.end;
  while (j < text.length && text[j] !== '\n' && /\s/.test(text[j])) j++;
  return j >= text.length || text[j] === '\n';
}
