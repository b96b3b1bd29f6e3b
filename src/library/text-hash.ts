import { createHash } from 'node:crypto';
import { normaliseForIndex } from '../text/normalise.js';

/** Exact-duplicate key: the text after index normalisation, ignoring all whitespace. */
export function textHash(text: string): string {
  return createHash('sha256').update(normaliseForIndex(text).replace(/\s+/g, '')).digest('hex');
}
