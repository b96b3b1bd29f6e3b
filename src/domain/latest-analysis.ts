import type { Analysis, AnalysisResult } from './index.js';

/**
 * The analysis a document's index entry is built from: the newest offline analysis (imported analyses,
 * such as the seed's, may hold only text), else the newest of any producer.
 */
export function latestOffline(analyses: Analysis[]): Partial<AnalysisResult> | undefined {
  return analyses.find((a) => a.producer.startsWith('offline@'))?.result ?? analyses[0]?.result;
}
