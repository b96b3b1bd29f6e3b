import type { JobItemRecord } from './store.js';

export type { JobItemRecord };

export interface JobItemRow { item: string; status: string; document_id: string | null; title: string | null; row_number: number | null; code: string | null; message: string | null }

/** The columns a JobItemRow is read from. */
export const JOB_ITEM_COLUMNS = 'item, status, document_id, title, row_number, code, message';

export function jobItemFromRow(r: JobItemRow): JobItemRecord {
  const rec: JobItemRecord = { item: r.item, status: r.status as JobItemRecord['status'] };
  if (r.document_id != null) rec.documentId = r.document_id;
  if (r.title != null) rec.title = r.title;
  if (r.row_number != null) rec.row = Number(r.row_number);
  if (r.code != null) rec.code = r.code;
  if (r.message != null) rec.message = r.message;
  return rec;
}
