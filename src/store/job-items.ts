import type { JobItemRecord } from './store.js';

export type { JobItemRecord };

export interface JobItemRow { item: string; status: string; document_id: string | null; code: string | null; message: string | null }

export function jobItemFromRow(r: JobItemRow): JobItemRecord {
  const rec: JobItemRecord = { item: r.item, status: r.status as JobItemRecord['status'] };
  if (r.document_id != null) rec.documentId = r.document_id;
  if (r.code != null) rec.code = r.code;
  if (r.message != null) rec.message = r.message;
  return rec;
}
