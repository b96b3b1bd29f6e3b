import type { DocumentDetail, DocumentSummary, DocumentWithAnalyses } from '../domain/index.js';
import { regionInfo, regionPath } from '../search/regions.js';
import { documentRegions } from '../search/tokens.js';
import { latestOffline } from '../domain/latest-analysis.js';

/** A list entry: the document without its text, with the one-line summary, themes and regions of its latest analysis. */
export function toSummary(d: DocumentWithAnalyses): DocumentSummary {
  const { text: _text, analyses, ...rest } = d;
  const r = latestOffline(analyses);
  return {
    ...rest,
    ...(r?.oneLine?.text ? { oneLine: r.oneLine.text } : {}),
    themesDetected: (r?.themes ?? []).map((t) => t.name),
    // As on a search hit: one name per place, the user's places when set by hand.
    regionNames: [...new Set(documentRegions(d, r).map((c) => regionInfo(c)?.name ?? c))],
  };
}

/** A document page: the document with the places 地区 files it under, by full name (上海市宝山区). */
export function toDetail(d: DocumentWithAnalyses): DocumentDetail {
  return { ...d, filedRegions: documentRegions(d, latestOffline(d.analyses)).map((code) => ({ code, name: regionPath(code) })) };
}
