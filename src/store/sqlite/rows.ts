import type { Analysis, Collection, Document } from '../../domain/index.js';

export interface DocumentRow {
  rowid: number; id: string; title: string; category: string; source: string; regions: string; tags: string;
  themes: string; text: string; text_hash: string; original: string | null; cluster_id: string | null;
  group_id: string | null; created_at: string; updated_at: string; set_by_user: string;
}

export function documentFromRow(r: DocumentRow): Document {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    source: JSON.parse(r.source),
    regions: JSON.parse(r.regions),
    tags: JSON.parse(r.tags),
    themes: JSON.parse(r.themes),
    setByUser: JSON.parse(r.set_by_user ?? '[]'),
    text: r.text,
    textHash: r.text_hash,
    original: r.original ? JSON.parse(r.original) : null,
    clusterId: r.cluster_id,
    groupId: r.group_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function documentParams(d: Document) {
  return {
    id: d.id, title: d.title, category: d.category, source: JSON.stringify(d.source), regions: JSON.stringify(d.regions),
    tags: JSON.stringify(d.tags), themes: JSON.stringify(d.themes), text: d.text, text_hash: d.textHash,
    original: d.original ? JSON.stringify(d.original) : null, cluster_id: d.clusterId, group_id: d.groupId,
    created_at: d.createdAt, updated_at: d.updatedAt, set_by_user: JSON.stringify(d.setByUser ?? []),
  };
}

export interface AnalysisRow { id: string; document_id: string; producer: string; version: string; created_at: string; result: string; text: string | null }

export function analysisFromRow(r: AnalysisRow): Analysis {
  const a: Analysis = { id: r.id, documentId: r.document_id, producer: r.producer, version: r.version, createdAt: r.created_at, result: JSON.parse(r.result) };
  if (r.text != null) a.text = r.text;
  return a;
}

export function analysisParams(a: Analysis) {
  return { id: a.id, document_id: a.documentId, producer: a.producer, version: a.version, created_at: a.createdAt, result: JSON.stringify(a.result), text: a.text ?? null };
}

export function collectionFromRows(c: { id: string; name: string; description: string; created_at: string; updated_at: string }, items: { document_id: string; position: number; note: string }[]): Collection {
  return {
    id: c.id, name: c.name, description: c.description, createdAt: c.created_at, updatedAt: c.updated_at,
    items: items.map((i) => ({ documentId: i.document_id, position: i.position, note: i.note })),
  };
}

export function tokenCount(s: string): number {
  if (!s) return 0;
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}
