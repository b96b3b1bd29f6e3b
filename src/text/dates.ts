// Dates as sources write them (2021年5月1日, 二〇二一年五月一日, 2021/5/1, 20210501, 2024), in the forms
// SourceSchema stores.
import { parseNumber } from './entities/figures.js';
import { normaliseForIndex } from './normalise.js';

/** Shapes of 〇 typed in dates (○ in the government work reports, a letter O, Cyrillic О, full-width Ｏ). */
export const RE_ZERO_LIKE = /[○◯ОOoＯｏ](?=[〇○◯ОOoＯｏ零一二三四五六七八九]*年)/g;

const CN_SMALL = '[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]';

/** 二〇二一年五月一日, 二O二一年… (a letter O typed for 〇), 2021年五月一日 → 2021年5月1日 (other text unchanged). */
function arabicDate(s: string): string {
  return s
    .replace(RE_ZERO_LIKE, '〇')
    .replace(/[〇零一二三四五六七八九]{4}(?=\s*年)/u, (y) => String(parseNumber(y)))
    .replace(new RegExp(`(\\d{4}\\s*年\\s*)(${CN_SMALL})(\\s*月)(?:(\\s*)(${CN_SMALL})(\\s*[日号]))?`, 'u'),
      (_, y: string, mo: string, m: string, sp?: string, d?: string, dd?: string) => `${y}${parseNumber(mo)}${m}${d ? `${sp ?? ''}${parseNumber(d)}${dd}` : ''}`);
}

/**
 * Normalises a date-like string to YYYY-MM-DD, YYYY-MM or YYYY (SourceSchema's forms); undefined if it
 * names no possible date (2021-13-45, 去年) or one after `now` (a publication date cannot be in the future;
 * a year or month is after `now` only once it has wholly not begun; one day of grace for time zones).
 */
export function normaliseDate(v: unknown, now = new Date()): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = arabicDate(normaliseForIndex(String(v).trim()));
  let out: string | undefined;
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?/.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})/.exec(s);
  const y = /^(\d{4})\s*年?$/.exec(s);
  if (m) out = valid(m[1], m[2], m[3]);
  else if (compact) out = valid(compact[1], compact[2], compact[3]);
  else if (y) out = valid(y[1]);
  if (!out) return undefined;
  // A day of grace: "today" in Beijing is tomorrow in UTC for eight hours of the day.
  const today = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  return out > today.slice(0, out.length) ? undefined : out;
}

function valid(y: string, mo?: string, d?: string): string | undefined {
  const year = Number(y);
  if (year < 1800) return undefined;
  if (mo === undefined) return y;
  const month = Number(mo);
  if (month < 1 || month > 12) return undefined;
  const ym = `${y}-${String(month).padStart(2, '0')}`;
  if (d === undefined) return ym;
  const day = Number(d);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= last ? `${ym}-${String(day).padStart(2, '0')}` : undefined;
}
