import type { DocumentSummary, DocumentWithAnalyses } from '../domain/index.js';
import { latestOffline } from './latest-analysis.js';

/** A list entry: the document without its text, with the one-line summary, themes and regions of its latest analysis. */
export function toSummary(d: DocumentWithAnalyses): DocumentSummary {
  const { text: _text, analyses, ...rest } = d;
  const r = latestOffline(analyses);
  return {
    ...rest,
    ...(r?.oneLine?.text ? { oneLine: r.oneLine.text } : {}),
    themesDetected: (r?.themes ?? []).map((t) => t.name),
    regionNames: (r?.regions ?? []).filter((x) => !x.alternatives?.length).map((x) => x.name),
  };
}
