import { z } from 'zod';

/** A half-open character range [start, end) in a document's original text (UTF-16 code units). */
export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof SpanSchema>;

const withSpans = { spans: z.array(SpanSchema) };

export const SentenceItemSchema = z.object({ text: z.string(), ...withSpans });
export type SentenceItem = z.infer<typeof SentenceItemSchema>;

export const KeywordSchema = z.object({ term: z.string(), weight: z.number(), ...withSpans });
export type Keyword = z.infer<typeof KeywordSchema>;

export const ThemeSchema = z.object({
  name: z.string(),
  score: z.number(),
  /** Evidence sentences supporting the theme. */
  evidence: z.array(SentenceItemSchema),
  ...withSpans,
});
export type Theme = z.infer<typeof ThemeSchema>;

export const RegionSchema = z.object({
  /** Full official name, e.g. 上海市宝山区. */
  name: z.string(),
  /** GB/T 2260 code of the most specific level, e.g. 310113. */
  code: z.string(),
  level: z.enum(['province', 'city', 'district', 'street']),
  /** Ancestors from province down to this region, e.g. [{上海市,31},{宝山区,310113}]. */
  path: z.array(z.object({ name: z.string(), code: z.string() })),
  /** Other same-named places when the context could not decide; empty when resolved. */
  alternatives: z.array(z.object({ name: z.string(), code: z.string() })).default([]),
  mentions: z.number().int().nonnegative(),
  ...withSpans,
});
export type Region = z.infer<typeof RegionSchema>;

export const EntitySchema = z.object({
  name: z.string(),
  /** mechanism | platform | programme | organization | actor | group … */
  kind: z.string(),
  ...withSpans,
});
export type Entity = z.infer<typeof EntitySchema>;

export const FigureSchema = z.object({
  /** The figure as written, e.g. 93.6万. */
  text: z.string(),
  /** Normalised value (936000); for ranges the lower bound. */
  value: z.number(),
  /** Upper bound for ranges (20-35岁 → 35). */
  valueMax: z.number().optional(),
  /** Normalised unit: 人, 岁, h, %, 件, 人次, 个, 元 … */
  unit: z.string(),
  /** The phrase the figure counts, e.g. 居村民实名注册. */
  subject: z.string(),
  ...withSpans,
});
export type Figure = z.infer<typeof FigureSchema>;

export const CaseCardSchema = z.object({
  地区: z.array(SentenceItemSchema),
  主体: z.array(SentenceItemSchema),
  问题与背景: z.array(SentenceItemSchema),
  做法与机制: z.array(SentenceItemSchema),
  成效: z.array(SentenceItemSchema),
  数据: z.array(SentenceItemSchema),
  经验启示: z.array(SentenceItemSchema),
});
export type CaseCard = z.infer<typeof CaseCardSchema>;

/** The result of one analysis run over a document's text. Every item carries spans into the original text. */
export const AnalysisResultSchema = z.object({
  /** One-line summary. */
  oneLine: SentenceItemSchema,
  /** Extractive summary sentences in document order. */
  summary: z.array(SentenceItemSchema),
  highlights: z.array(SentenceItemSchema),
  keywords: z.array(KeywordSchema),
  themes: z.array(ThemeSchema),
  regions: z.array(RegionSchema),
  mechanisms: z.array(EntitySchema),
  organizations: z.array(EntitySchema),
  groups: z.array(EntitySchema).default([]),
  figures: z.array(FigureSchema),
  caseCard: CaseCardSchema,
  /** MinHash signature over segmented shingles, for near-duplicate detection. */
  minhash: z.array(z.number().int()).default([]),
});
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;

/** A stored analysis run. Re-analysis appends a new one; older runs are never overwritten. */
export const AnalysisSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  /** e.g. offline@0.1.0, or llm:deepseek-chat, or imported:seed */
  producer: z.string(),
  version: z.string(),
  /** ISO 8601 with microseconds, e.g. 2024-10-29T15:05:37.450468Z */
  createdAt: z.string(),
  result: AnalysisResultSchema.partial().passthrough(),
  /** Free-text analysis as written by a person or an external tool (the seed's three analyses). */
  text: z.string().optional(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
