// Publication date and 文号 read from a document's own text, for files that carry no metadata (.txt,
// .docx, .pdf, pasted text). Conservative: only where Chinese documents put them by convention — a line
// that starts with a date label (发布日期：…), the 成文日期 line under the issuer's name that closes an
// official document, a news dateline at the top (2021-05-01 10:30 来源：…), the date line of a speech or
// report under its title (——2019年3月5日在…会议上), and a 文号 line under the
// title (国办发〔2021〕12号). A date merely mentioned (2019年以来, 调研时间：…, an attachment table's last
// row, a related-news list) is never taken, nor one after today.
import type { Source } from '../domain/index.js';
import { normaliseDate, RE_ZERO_LIKE } from './dates.js';
import { normaliseForIndex } from './normalise.js';

const Y = '(\\d{4}|[〇零一二三四五六七八九]{4})';
const MD = '(\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';
/** 2021年5月1日, 二〇二一年五月一日, 2021-05-01, 2021/5/1, 2021.5.1 (over normalised text: full-width digits are ASCII). */
const DATE = `(?:${Y}\\s*年\\s*${MD}\\s*月\\s*${MD}\\s*[日号]|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d))`;
const RE_DATE = new RegExp(DATE);

/** A labelled date at the start of a line (发布日期：…, 【发布时间】…). */
const RE_LABELLED = new RegExp(`^[【\\[（(]?\\s*(?:发布|发文|成文|印发|公布|发表|刊发|出版|签发)(?:日期|时间)\\s*[】\\]）)]?\\s*[:：]?\\s*${DATE}`);
/** A line that is only a date (the 成文日期 of an official document). */
const RE_DATE_LINE = new RegExp(`^[（(]?${DATE}[）)]?$`);
/** A dateline: a date first, then a clock time or a source (2021-05-01 10:30 来源：人民网), or a source first. */
const RE_DATELINE = new RegExp(`^${DATE}\\s*(?:\\d{1,2}:\\d{2}|(?:来源|作者|编辑|发布)\\s*[:：])|^(?:来源|作者|编辑)\\s*[:：].{0,40}?${DATE}`);
/**
 * The date line of a speech or report under its title: ——2019年3月5日在第十三届全国人民代表大会第二次会议上
 * (over normalised text, where a full-width －－ has become --).
 */
const RE_SPEECH_LINE = new RegExp(`(?:——|—|--)\\s*${DATE}(?:至\\d{1,2}[日号])?\\s*在[^\\n—]{2,60}?(?:会议|大会|座谈会|典礼|仪式|论坛)上`);
/** How far into the text the speech line is looked for (it follows the title). */
const SPEECH_LINE_WITHIN = 300;
/** The issuer's name over a 成文日期 (上海市人民政府办公厅, 某街道党工委). */
const RE_ISSUER = /(?:政府|办公厅|办公室|委员会|委|局|厅|部|署|院|会|中心|党工委|党组|办事处|管委会|公司|协会|学会|研究院|研究所|大学|学院|联合会|总工会)$/;
/** A 文号 after its issuer's abbreviation: 〔2021〕12号, [2020]3号, （2019）第5号. */
const DOC_NUMBER = '[〔［[（(]\\s*\\d{4}\\s*[〕］\\])）]\\s*第?\\d{1,5}\\s*号';
/** 国办发〔2021〕12号, 沪府办发[2020]3号, 京政发（2019）5号 on a line of its own. */
const RE_DOC_NUMBER_LINE = new RegExp(`^([\\u4e00-\\u9fff]{1,12}${DOC_NUMBER})$`);
/** A 文号 in running text: the abbreviation is at most six characters, so the words before it stay words. */
const RE_DOC_NUMBER = new RegExp(`[\\u4e00-\\u9fff]{1,6}${DOC_NUMBER}`, 'gu');

/** Where the 文号 of a (normalised) text are, as [start, end) offsets. */
export function docNumberRanges(text: string): [number, number][] {
  return [...text.matchAll(RE_DOC_NUMBER)].map((m) => [m.index, m.index + m[0].length]);
}

/** Lines read at the top (title, 文号, dateline) and at the end (issuer, 成文日期). */
const HEAD_LINES = 12;
const TAIL_LINES = 8;

function dateOf(m: RegExpExecArray | null, now: Date): string | undefined {
  return m ? normaliseDate(m[0], now) : undefined;
}

/** A head or tail line as matched: normalised (full-width digits, traditional characters), 〇 shapes unified. */
function matchable(line: string): string {
  return normaliseForIndex(line.trim()).replace(RE_ZERO_LIKE, '〇');
}

/** Publication date (YYYY-MM-DD), 文号 and the issuer over the 成文日期, where documents state them; empty when none is. */
export function metadataFromText(text: string, now = new Date()): Pick<Source, 'publishedAt' | 'docNumber' | 'issuer'> {
  // Matched on normalised lines (full-width digits, traditional characters); the 文号 is kept as written.
  const written = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const tailStart = Math.max(0, written.length - TAIL_LINES);
  // Only the head and the tail (and the line over it) are read: a long report is not normalised whole.
  const lines = written.map((l, i) => (i < HEAD_LINES || i >= tailStart - 1 ? matchable(l) : ''));
  const head = lines.slice(0, HEAD_LINES);
  const out: Pick<Source, 'publishedAt' | 'docNumber' | 'issuer'> = {};
  const labelled = [...head, ...lines.slice(tailStart)].map((l) => dateOf(RE_LABELLED.exec(l), now)).find(Boolean);
  let closing: string | undefined;
  for (let i = lines.length - 1; i >= Math.max(1, tailStart); i--) {
    if (RE_DATE_LINE.test(lines[i]) && lines[i - 1].length <= 40 && RE_ISSUER.test(lines[i - 1])) {
      closing = dateOf(RE_DATE.exec(lines[i]), now);
      if (closing) out.issuer = written[i - 1].replace(/\s+/g, '');
      break;
    }
  }
  const dateline = head.slice(0, 5).map((l) => (l.length <= 80 && RE_DATELINE.test(l) ? dateOf(RE_DATE.exec(l), now) : undefined)).find(Boolean);
  const speech = dateOf(RE_SPEECH_LINE.exec(matchable(text.slice(0, SPEECH_LINE_WITHIN))), now);
  const date = labelled ?? closing ?? dateline ?? speech;
  if (date) out.publishedAt = date;
  const numberAt = head.findIndex((l) => RE_DOC_NUMBER_LINE.test(l));
  if (numberAt >= 0) out.docNumber = written[numberAt].replace(/\s+/g, '');
  return out;
}

/** 红头: the issuer's name over the 文号 of an official document (北京市人民政府办公厅文件). */
const RE_RED_HEADER = /^[\u4e00-\u9fff（）()]{2,40}文件$/;
/** Copy number, secrecy and urgency marks and the signer over a 公文's title (000123, 机密★1年, 特急, 签发人：…). */
const RE_MARK_LINE = /^(?:\d{4,8}|(?:绝密|机密|秘密)(?:★.{0,6})?|特急|加急|特提|平急|签发人\s*[:：].{0,20})$/;

/**
 * The lines at the top of a text that come before its title by convention: marks, the red header, the
 * 文号, a date line or a news dateline. Returns how many of the first lines to skip to reach the title.
 */
export function headerLinesBeforeTitle(lines: string[]): number {
  const norm = lines.slice(0, HEAD_LINES).map(matchable);
  const isDocNumber = (l: string) => RE_DOC_NUMBER_LINE.test(l);
  let i = 0;
  while (i < norm.length - 1) {
    const l = norm[i];
    const header = RE_MARK_LINE.test(l) || isDocNumber(l) || RE_DATE_LINE.test(l) || RE_LABELLED.test(l)
      || (l.length <= 80 && RE_DATELINE.test(l))
      || (RE_RED_HEADER.test(l) && norm.slice(i + 1, i + 4).some(isDocNumber));
    if (!header) break;
    i++;
  }
  return i;
}
