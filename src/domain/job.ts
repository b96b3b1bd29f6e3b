import { z } from 'zod';

export const JobItemErrorSchema = z.object({
  /** File name or batch row (e.g. rows.jsonl#17). */
  item: z.string(),
  code: z.string(),
  /** Chinese message for users. */
  message: z.string(),
});
export type JobItemError = z.infer<typeof JobItemErrorSchema>;

export const JobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'interrupted']);

export const JobSchema = z.object({
  id: z.string(),
  kind: z.literal('import'),
  state: JobStateSchema,
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  errors: z.array(JobItemErrorSchema),
  /**
   * Per-item outcome, for the UI: created document ids and duplicates' pointers, with the document's title
   * (a batch's rows are items like rows.jsonl#3).
   */
  results: z.array(z.object({
    item: z.string(), status: z.enum(['imported', 'duplicate', 'failed']), documentId: z.string().optional(), title: z.string().optional(),
    /** A batch row's number (see ParsedDocument.row). */
    row: z.number().int().optional(), message: z.string().optional(),
  })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof JobSchema>;
