// Worker-thread side of analysis-thread.ts: analyses one text and segments its body for the index, so a
// very long document does not hold the server's event loop while it is processed.
import { parentPort } from 'node:worker_threads';
import type { AnalysisResult } from '../domain/index.js';
import { indexField } from '../search/tokens.js';
import { analyze } from '../text/analyze.js';
import { CorpusCounter } from '../text/keywords.js';
import { ThemeClassifier, type ThemeModelState } from '../text/themes/classify.js';
import { applyUserTerms, type UserTerm } from './user-lexicon.js';

export interface AnalysisJob {
  id: number;
  text: string;
  title: string;
  themeState: ThemeModelState;
  corpus?: { docCount: number; counts: Map<string, number> };
  /** Sent when they changed since this worker last saw them. */
  userTerms?: UserTerm[];
}

export type AnalysisReply = { id: number; result: AnalysisResult; body: string } | { id: number; error: string };

parentPort?.on('message', (job: AnalysisJob) => {
  try {
    if (job.userTerms) applyUserTerms(job.userTerms);
    const result = analyze(job.text, {
      title: job.title, themeModel: new ThemeClassifier(job.themeState), corpus: job.corpus ? CorpusCounter.from(job.corpus) : undefined,
    });
    parentPort!.postMessage({ id: job.id, result, body: indexField(job.text) } satisfies AnalysisReply);
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.stack ?? String(e) } satisfies AnalysisReply);
  }
});
