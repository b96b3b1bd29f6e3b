// analyze(): the whole offline analysis of one document. Sentences and segmentation run once and are
// reused by every step; the result validates against AnalysisResultSchema and is deterministic.
import type { AnalysisResult } from '../domain/analysis.js';
import { buildCaseCard } from './casecard.js';
import { extractFigures } from './entities/figures.js';
import { extractEntities } from './entities/mechanisms.js';
import { extractRegions } from './entities/regions.js';
import { extractHighlights } from './highlights.js';
import { extractKeywords, type CorpusStats } from './keywords.js';
import { minhashSignature } from './minhash.js';
import { normalisedOnce } from './normalised.js';
import { segment } from './segment.js';
import { isHeadingOrMeta, splitSentences } from './sentences.js';
import { summarise } from './summary.js';
import { ThemeClassifier } from './themes/classify.js';

export const ANALYZER_VERSION = '0.2.0';
/** The `producer` of analyses made by this engine. */
export const PRODUCER = 'offline@' + ANALYZER_VERSION;

export interface AnalyzeOptions {
  /** Document title: weighs keywords and summary sentences. Default none. */
  title?: string;
  /** Library statistics for keyword IDF. Default jieba's shipped IDF table. */
  corpus?: CorpusStats;
  /** A theme model trained on the user's corrections. Default: rules only (an untrained classifier). */
  themeModel?: ThemeClassifier;
  /** Summary length in sentences. Default 3. */
  summarySentences?: number;
  /** Keywords returned. Default 10. */
  keywords?: number;
}

let rulesOnly: ThemeClassifier | undefined;

const item = (x: { text: string; spans: { start: number; end: number }[] }) => ({ text: x.text, spans: x.spans });

export function analyze(text: string, opts: AnalyzeOptions = {}): AnalysisResult {
  const norm = normalisedOnce(text);
  const sentences = splitSentences(text);
  // Segmenting the normalised text (same length, so offsets hold) makes traditional and simplified input
  // give the same tokens, and so the same keywords, entities and themes.
  const tokens = segment(norm);
  const keywords = extractKeywords(text, { title: opts.title, topK: opts.keywords ?? 10, corpus: opts.corpus, tokens });
  const { oneLine, summary } = summarise(text, {
    sentences: opts.summarySentences ?? 3,
    title: opts.title,
    tokens,
    sentenceList: sentences,
  });
  const highlights = extractHighlights(text, sentences, { tokens }).map(item);
  const regions = extractRegions(text, norm, tokens);
  const { mechanisms, organizations, groups } = extractEntities(text, tokens, norm);
  const figures = extractFigures(text, norm);
  const model = opts.themeModel ?? (rulesOnly ??= new ThemeClassifier());
  const themes = model.classify(text, sentences, tokens, norm);
  const caseCard = buildCaseCard({ text, sentences: sentences.filter((s) => !isHeadingOrMeta(text, s)), regions, organizations, figures, norm });
  return capSpans({
    oneLine: item(oneLine),
    summary: summary.map(item),
    highlights,
    keywords: keywords.map((k) => ({ term: k.term, weight: k.weight, spans: k.spans })),
    themes,
    regions,
    mechanisms,
    organizations,
    groups,
    figures,
    caseCard,
    minhash: minhashSignature(text, tokens),
  });
}

/**
 * Spans kept per item (default 100, the first in the text). A keyword or place named 80,000 times in a
 * long report made an analysis of 22 MB, parsed again for every search hit and list page that showed
 * it; the positions past the first hundred add nothing a reader follows (regions keep `mentions`, the count).
 */
export const MAX_SPANS_PER_ITEM = 100;

function capSpans<T>(value: T): T {
  if (Array.isArray(value)) { value.forEach(capSpans); return value; }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'spans' && Array.isArray(v) && v.length > MAX_SPANS_PER_ITEM) (value as Record<string, unknown>)[k] = v.slice(0, MAX_SPANS_PER_ITEM);
      else capSpans(v);
    }
  }
  return value;
}
