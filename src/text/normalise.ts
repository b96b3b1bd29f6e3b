// Text normalisation: `cleanText` for ingestion (its output is the stored text every span refers to),
// `normaliseForIndex` for matching (length-preserving, so offsets carry over), `toSimplified` for short strings.
import * as OpenCC from 'opencc-js';

/** Han ideographs plus CJK/full-width punctuation and curly quotes: the characters between which an
 * extractor-inserted space is noise. */
const CJK = '\\p{Script=Han}\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2018-\\u201D\\u2026\\u2014';
const RE_SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, 'gu');
/** CJK punctuation and quotes (CJK without Han): a space next to one of them is never a word separator. */
const CJK_PUNCT = CJK.replace('\\p{Script=Han}', '');
const RE_SPACE_BY_CJK_PUNCT = new RegExp(`(?<=[${CJK_PUNCT}]) +(?=[${CJK}])|(?<=[${CJK}]) +(?=[${CJK_PUNCT}])`, 'gu');
const HAN = '\\p{Script=Han}';
const FULL_PUNCT: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };
// ASCII punctuation typed right after a Han character (or after a closing quote/bracket or markdown **
// that follows one) is Chinese punctuation typed on a Latin keyboard. The space after it goes too when
// Chinese text follows.
const RE_ASCII_PUNCT = new RegExp(`(?<=[${HAN}](?:\\*\\*|[”’」』）》])?)([,:;?!])(?: +(?=[${HAN}“‘「『（《\\d]))?`, 'gu');
const RE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200C\u200E\u200F\u2028\u2029\u2060-\u2064\uFEFF\u00AD]/g;
/** A zero-width joiner that joins no two pictographs (👨‍👩‍👧 is one emoji through it; elsewhere it is noise). */
const RE_STRAY_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** Sentence punctuation: a line of prose, where a space between Chinese words is layout noise (坚持 党建引领…。). */
const RE_PROSE = /[。！？；，]/;

/** A space next to a lone Han character (社 区 治 理, 通 知, 王 军): no list item or heading word is one character. */
const RE_SPACE_BY_LONE_HAN = /(?<=(?<!\p{Script=Han})\p{Script=Han}) +(?=\p{Script=Han})|(?<=\p{Script=Han}) +(?=\p{Script=Han}(?!\p{Script=Han}))/gu;

export interface CleanOptions {
  /**
   * Spaces between two CJK characters (default 'join'): 'join' removes them all (text extracted from PDF
   * or HTML, where they are layout noise; the original file is kept); 'words' keeps a space between two
   * Chinese words in a line without sentence punctuation — names, keyword lists, headings (张三 李四,
   * 楼道自治 睦邻点, 第一章 总则), of which typed text has no other record — and removes it next to CJK
   * punctuation, next to a lone character (通 知, 王 军, 社 区 治 理) and in lines of prose.
   */
  cjkSpaces?: 'join' | 'words';
}

/**
 * Cleans raw extracted text for storage: unified line endings, no control/zero-width characters or BOM,
 * single spaces, spaces between CJK characters as `opts.cjkSpaces` says, Chinese punctuation repaired,
 * lines and whole text trimmed, at most one blank line between paragraphs.
 */
export function cleanText(raw: string, opts: CleanOptions = {}): string {
  let t = raw.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(RE_CONTROL, '').replace(RE_STRAY_ZWJ, '');
  t = t.replace(/[ \u00A0\u2000-\u200A\u202F\u205F]+/g, ' ');
  t = t.replace(/^ +| +$/gm, '');
  // Punctuation first, so that a line reads as prose whether it came with 宝山区, or 宝山区， (cleaning twice
  // gives what cleaning once gives).
  t = t.replace(RE_ASCII_PUNCT, (_m, p: string) => FULL_PUNCT[p] ?? p);
  t = opts.cjkSpaces === 'words'
    ? t.split('\n').map((line) => (RE_PROSE.test(line) ? line.replace(RE_SPACE_BETWEEN_CJK, '') : line.replace(RE_SPACE_BY_CJK_PUNCT, '').replace(RE_SPACE_BY_LONE_HAN, ''))).join('\n')
    : t.replace(RE_SPACE_BETWEEN_CJK, '');
  t = t.replace(/\n{3,}/g, '\n\n');
  return t.trim();
}

type ConverterFn = (s: string) => string;
let twToCn: ConverterFn | undefined;
let hkToCn: ConverterFn | undefined;

const UTF16 = new TextDecoder('utf-16le');

/**
 * Standard simplified characters that OpenCC's Taiwan/Hong Kong tables still convert, as variants of
 * another character: 么 → 幺 (什么, 怎么), 著 → 着 (著作权, 显著), 乾 → 干 (乾坤, 乾隆). Found by converting
 * every character of jieba's (simplified) dictionary and of the simplified evaluation texts.
 */
const SIMPLIFIED_KEEP = new Set(['么', '著', '乾']);

/** Per-code-unit mapping; 0 = not yet computed. Filled lazily so start-up stays cheap. */
const TABLE = new Uint16Array(65536);

/** Full-width ASCII → its half-width form, the ideographic space → space; other code units unchanged. */
function halfWidthUnit(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  return code === 0x3000 ? 0x20 : code;
}

/** Only the width of full-width ASCII and the ideographic space changed (ＮＯＴ → NOT); case and script kept. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => String.fromCharCode(halfWidthUnit(c.charCodeAt(0))));
}

function mapUnit(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 32 : code;
  if (code >= 0xff01 && code <= 0xff5e) {
    const half = halfWidthUnit(code);
    return half >= 0x41 && half <= 0x5a ? half + 32 : half;
  }
  if (code === 0x3000 || code === 0x00a0) return 0x20;
  if (code >= 0xd800 && code <= 0xdfff) return code; // surrogate halves pass through unchanged
  const ch = String.fromCharCode(code);
  if (/\p{Script=Han}/u.test(ch) && !SIMPLIFIED_KEEP.has(ch)) {
    const tw = (twToCn ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
    const hk = (hkToCn ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
    let s = tw(ch);
    if (s === ch) s = hk(ch);
    return s.length === 1 ? s.charCodeAt(0) : code;
  }
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : code;
}

/**
 * Length-preserving normalisation for indexing and matching: full-width ASCII → half-width, ideographic
 * space → space, traditional → simplified character by character, Latin lower-cased.
 * `normaliseForIndex(t).length === t.length` always, so offsets are interchangeable.
 */
export function normaliseForIndex(text: string): string {
  const n = text.length;
  const out = new Uint16Array(n);
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let m = TABLE[c];
    if (m === 0) {
      m = c === 0 ? 0 : mapUnit(c);
      if (c !== 0) TABLE[c] = m;
    }
    out[i] = m;
    if (m !== c) changed = true;
  }
  if (!changed) return text;
  return UTF16.decode(out);
}

/**
 * Traditional → simplified for Han characters only, character by character with the index's own table
 * (Latin case and width are kept, for display). Not phrase-level: OpenCC's Taiwan phrase tables also
 * rewrite standard simplified words as Taiwan usage (文件 → 文档, 程序 → 进程, 建立 → 创建), and a query
 * converted differently from the index would miss the documents it names.
 */
export function toSimplified(text: string): string {
  return text.replace(/\p{Script=Han}/gu, (ch) => normaliseForIndex(ch));
}
