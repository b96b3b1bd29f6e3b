import type { Source } from '../domain/index.js';
import type { IngestError } from './errors.js';

export type DocFormat = 'text' | 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'csv' | 'jsonl' | 'url';

/** The bytes a document came from, kept so the store can save the original file. */
export interface OriginalBytes {
  name: string;
  bytes: Buffer;
  /** Our format name (txt, md, html, docx, pdf) — what OriginalFileSchema.type expects. */
  type: string;
  sha256: string;
  size: number;
  encoding?: string;
}

export interface ParsedDocument {
  /** Display name: a safe file name, a URL, or 'rows.jsonl#17' for a batch row. */
  item: string;
  /** A batch row's line (JSONL, from 1) or spreadsheet row (CSV, the header being row 1). */
  row?: number;
  /** What was given but not taken (a date that cannot be read), for the import's result. */
  notes?: string[];
  title?: string;
  /** Cleaned with cleanText: the text the store keeps and every span refers to. */
  text: string;
  format: DocFormat;
  /** Detected encoding of text formats (utf-8, gb18030, big5, utf-16le …). */
  encoding?: string;
  category?: string;
  source?: Partial<Source>;
  tags?: string[];
  regions?: string[];
  createdAt?: string;
  /** Undefined for pasted text and batch rows (the batch file is not one document's original). */
  original?: OriginalBytes;
}

/** Names the columns (CSV) or keys (JSONL) holding each field; unnamed fields are guessed from common names. */
export interface FieldMapping {
  title?: string;
  text?: string;
  category?: string;
  publisher?: string;
  url?: string;
  /** Several authors in one cell are split at ；;、, and ，. */
  authors?: string;
  publishedAt?: string;
  /** Split at ；;、, and ，, or an array in JSONL. */
  tags?: string;
  docNumber?: string;
  issuer?: string;
  createdAt?: string;
}

export interface ParseOptions {
  /** Size cap per file in bytes. Default: ZHIZHI_MAX_FILE_MB × 1 MiB, or 50 MiB. */
  maxBytes?: number;
  /** Column/key mapping for .csv/.jsonl batches; default guesses common names (title/标题, text/正文 …). */
  mapping?: FieldMapping;
  /** Category for documents whose input names none (default: none; the pipeline then uses 其他). */
  category?: string;
}

export interface ParseOutcome {
  docs: ParsedDocument[];
  errors: IngestError[];
}
