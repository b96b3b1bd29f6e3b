// Publication date and 文号 read from a document's own text, for files that carry no metadata (.txt,
// .docx, .pdf, pasted text). Conservative: only where Chinese documents put them by convention — a
// labelled date (发布日期：…), the 成文日期 line that closes an official document, a news dateline near
// the top (2021-05-01 10:30 来源：…), and a 文号 line (国办发〔2021〕12号) in the heading. A date merely
// mentioned in the body (2019年以来) is never taken.
import type { Source } from '../domain/index.js';

const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', О: '0', Ｏ: '0', o: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** 二〇二一 → 2021; 十二 → 12, 三十一 → 31 (month and day numerals). */
function cnNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if ([...s].every((c) => c in CN_DIGIT)) return Number([...s].map((c) => CN_DIGIT[c]).join(''));
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? Number(CN_DIGIT[m[1]]) : 1) * 10 + (m[2] ? Number(CN_DIGIT[m[2]]) : 0);
  return null;
}

const Y = '(\\d{4}|[〇零一二三四五六七八九ОＯoO]{4})';
const MD = '(\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';
/** 2021年5月1日, 二〇二一年五月一日, 2021-05-01, 2021/5/1, 2021.5.1 */
const DATE = new RegExp(`${Y}\\s*年\\s*${MD}\\s*月\\s*${MD}\\s*[日号]|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)`);

function dateIn(s: string): string | undefined {
  const m = DATE.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = m[1] ? [cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3])] : [Number(m[4]), Number(m[5]), Number(m[6])];
  if (y == null || mo == null || d == null || y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const LABELLED = /(?:发布|发文|成文|印发|公布|发表|刊发|出版|签发)(?:日期|时间)\s*[:：]/;
/** A line that is only a date (the 成文日期 of an official document). */
const DATE_LINE = new RegExp(`^\\s*[（(]?(?:${DATE.source})[）)]?\\s*$`);
/** A dateline: a date beside a time, a source or an author (2021-05-01 10:30 来源：人民网). */
const DATELINE_MARK = /\d{1,2}:\d{2}|来源\s*[:：]|作者\s*[:：]|编辑\s*[:：]|发布\s*[:：]|浏览|阅读/;
/** 国办发〔2021〕12号, 沪府办发[2020]3号, 京政发（2019）5号 on a line of its own. */
const DOC_NUMBER_LINE = /^\s*([\u4e00-\u9fff]{1,12}[〔［[（(]\s*\d{4}\s*[〕］\])）]\s*第?\d{1,5}\s*号)\s*$/;

/** Lines read at the top (title, 文号, dateline) and at the end (signature, 成文日期). */
const HEAD_LINES = 12;
const TAIL_LINES = 8;

/** Publication date (YYYY-MM-DD) and 文号 found where documents state them; empty when none is. */
export function metadataFromText(text: string): Pick<Source, 'publishedAt' | 'docNumber'> {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const head = lines.slice(0, HEAD_LINES);
  const tail = lines.slice(-TAIL_LINES);
  const out: Pick<Source, 'publishedAt' | 'docNumber'> = {};
  const afterLabel = (l: string) => l.slice(l.search(LABELLED));
  const labelled = [...head, ...tail].find((l) => LABELLED.test(l) && dateIn(afterLabel(l)));
  const closing = [...tail].reverse().find((l) => DATE_LINE.test(l));
  const dateline = head.slice(0, 5).find((l) => DATE_LINE.test(l) || (l.length <= 80 && DATELINE_MARK.test(l) && dateIn(l)));
  const date = labelled ? dateIn(afterLabel(labelled)) : dateIn(closing ?? dateline ?? '');
  if (date) out.publishedAt = date;
  for (const l of head) {
    const m = DOC_NUMBER_LINE.exec(l);
    if (m) { out.docNumber = m[1].replace(/\s+/g, ''); break; }
  }
  return out;
}
