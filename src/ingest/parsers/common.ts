import { cleanText } from '../../text/normalise.js';
import { stemOf } from '../names.js';
import type { Source } from '../../domain/index.js';

/** What a single-document parser returns; parse.ts adds item, format, category and original. */
export interface Extracted {
  title?: string;
  text: string;
  encoding?: string;
  source?: Partial<Source>;
}

const SENTENCE_END = /[。！？；…!?;.:：]$/;

/** The first non-empty line when it reads like a title (≤ 60 characters, no sentence-ending punctuation). */
export function titleFromFirstLine(text: string): string | undefined {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (!line || [...line].length > 60 || SENTENCE_END.test(line)) return undefined;
  return line;
}

/** Title from the text's first line, else the file name without extension. */
export function titleOr(text: string, name: string): string {
  return titleFromFirstLine(text) ?? stemOf(name);
}

/** Normalises a date-like string to YYYY-MM-DD, YYYY-MM or YYYY (SourceSchema's forms); undefined if none. */
export function normaliseDate(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = String(v).trim();
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return m[1];
    const d = m[3] ? Number(m[3]) : undefined;
    return `${m[1]}-${String(mo).padStart(2, '0')}${d && d <= 31 ? `-${String(d).padStart(2, '0')}` : ''}`;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const y = /^(\d{4})\s*年?$/.exec(s);
  return y ? y[1] : undefined;
}

export { cleanText };
