// One-entry memo of normaliseForIndex: analyze() hands the same text to several steps whose public
// signatures take only the text (keywords, MinHash), so each would otherwise normalise it again.
import { normaliseForIndex } from './normalise.js';

let lastText: string | undefined;
let lastNorm = '';

/** `normaliseForIndex(text)`, reusing the previous result when the text is the same. */
export function normalisedOnce(text: string): string {
  if (text !== lastText) {
    lastNorm = normaliseForIndex(text);
    lastText = text;
  }
  return lastNorm;
}
