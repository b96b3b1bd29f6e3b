import { z } from 'zod';
import { AnalysisSchema } from './analysis.js';

export const DEFAULT_CATEGORIES = ['实践案例', '政策文件', '新闻报道', '研究文献', '调研报告', '数据资料', '其他'] as const;

export const SourceSchema = z.object({
  publisher: z.string().optional(),
  url: z.string().optional(),
  authors: z.array(z.string()).default([]),
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  publishedAt: z.string().optional(),
  /** 文号, policies only, e.g. 国办发〔2017〕13号 */
  docNumber: z.string().optional(),
  /** 发文机关, policies only */
  issuer: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** The file a document came from, kept byte for byte. */
export const OriginalFileSchema = z.object({
  name: z.string(),
  sha256: z.string(),
  /** MIME type or our format name (txt, md, html, docx, pdf, …). */
  type: z.string(),
  size: z.number().int().nonnegative(),
  /** Detected text encoding for text formats. */
  encoding: z.string().optional(),
});
export type OriginalFile = z.infer<typeof OriginalFileSchema>;

/** A part of a document a user can set by hand in place of what is derived from its text (see Document.setByUser). */
export const SetByUserPartSchema = z.enum(['regions', 'themes', 'source']);
export type SetByUserPart = z.infer<typeof SetByUserPartSchema>;

export const DocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  source: SourceSchema,
  /** Region codes the user or the analysis assigned (GB/T 2260), most specific level. */
  regions: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  /** Themes confirmed or corrected by a user; empty until a user touches them. */
  themes: z.array(z.string()).default([]),
  /**
   * Parts a user has set by hand: 'regions', 'themes' — the document is filed under exactly the stored
   * values, even none, and what the analysis detected is no longer added; 'source' — a re-analysis does not
   * fill the date, 文号 or issuer from the text. Default [] (documents stored before this field existed read
   * as untouched, except that non-empty themes always were a user's).
   */
  setByUser: z.array(SetByUserPartSchema).default([]),
  /** Normalised text (the text every span refers to). */
  text: z.string(),
  /** sha256 of the normalised text, for exact duplicate detection. */
  textHash: z.string(),
  original: OriginalFileSchema.nullable().default(null),
  /** Near-duplicate cluster id (the id of the first document of the cluster). */
  clusterId: z.string().nullable().default(null),
  /** Access group; null = visible to everyone with access to the library. */
  groupId: z.string().nullable().default(null),
  /** ISO 8601 with microseconds. */
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Document = z.infer<typeof DocumentSchema>;

/**
 * Whether a user set the document's themes (then they are its themes, even none): non-empty themes always
 * were a user's, also before `setByUser` was stored.
 */
export function themesSetByUser(doc: Pick<Document, 'themes'> & Partial<Pick<Document, 'setByUser'>>): boolean {
  return doc.themes.length > 0 || !!doc.setByUser?.includes('themes');
}

/** A document in lists (API GET /api/documents, stats): no text, plus a few fields of its latest analysis. */
export const DocumentSummarySchema = DocumentSchema.omit({ text: true }).extend({
  oneLine: z.string().optional(),
  themesDetected: z.array(z.string()).optional(),
  regionNames: z.array(z.string()).optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentWithAnalysesSchema = DocumentSchema.extend({ analyses: z.array(AnalysisSchema) });
export type DocumentWithAnalyses = z.infer<typeof DocumentWithAnalysesSchema>;

/** A document as its page shows it (API GET /api/documents/:id): with the places 地区 files it under. */
export const DocumentDetailSchema = DocumentWithAnalysesSchema.extend({
  /** The places 地区 filters and facets file it under (the user's when set by hand), with their full names. */
  filedRegions: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;

/** What a caller gives to create a document (the API's POST body and the importers' output). */
export const DocumentInputSchema = z.object({
  title: z.string().trim().max(500).optional(),
  text: z.string().min(1, '正文不能为空'),
  category: z.string().optional(),
  source: SourceSchema.partial().optional(),
  regions: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  groupId: z.string().nullable().optional(),
  /** Keep created/updated timestamps (restore, migration, seed). */
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type DocumentInput = z.infer<typeof DocumentInputSchema>;

export const DocumentPatchSchema = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  category: z.string().optional(),
  source: SourceSchema.partial().optional(),
  /** The places the document is filed under from now on (even none); null: back to what the analysis finds. */
  regions: z.array(z.string()).nullable().optional(),
  tags: z.array(z.string()).optional(),
  /** The themes, from now on (even none); null: back to the classifier's. */
  themes: z.array(z.string()).nullable().optional(),
  groupId: z.string().nullable().optional(),
});
export type DocumentPatch = z.infer<typeof DocumentPatchSchema>;
