// Which index tokens may be shown to people as words. The index also holds every character bigram, so a
// key term or a matched part can be 区治 or 诉即: correct for matching, meaningless as a reason.
import { hasJiebaIdf, posOf } from '../text/jieba-data.js';
import { isLexiconTerm } from '../text/segment.js';

/** A word of jieba's dictionary or IDF table, a lexicon term, or a Latin / number token; not a bare bigram. */
export function readsAsWord(token: string): boolean {
  if (!/\p{Script=Han}/u.test(token)) return true;
  return posOf(token) !== undefined || hasJiebaIdf(token) || isLexiconTerm(token);
}
