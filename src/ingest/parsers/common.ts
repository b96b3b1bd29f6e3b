import { normaliseDate } from '../../text/dates.js';
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

export { cleanText, normaliseDate };
