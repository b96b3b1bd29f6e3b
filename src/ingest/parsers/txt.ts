import { decodeText } from '../encoding.js';
import { ingestError } from '../errors.js';
import { cleanText, titleOr, type Extracted } from './common.js';

/** Plain text in any detected encoding. Title: a short first line, else the file name stem. */
export function parseTxt(bytes: Buffer, name: string): Extracted {
  const { text: raw, encoding } = decodeText(bytes, name);
  const text = cleanText(raw, { cjkSpaces: 'words' });
  if (!text) throw ingestError('EMPTY_FILE', name, { whitespace: true });
  return { title: titleOr(text, name), text, encoding };
}
