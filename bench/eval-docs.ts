// Shared by the search benchmarks: turning eval-set records into stored documents.
import { createHash } from 'node:crypto';
import type { Document } from '../src/domain/index.js';

/** A minimal Document for an eval record (category 其他, no source, no analysis). */
export function evalDocument(rec: { id: string; title?: string; text: string }, createdAt: string): Document {
  const text = rec.text;
  return {
    id: rec.id, title: rec.title || text.slice(0, 30), category: '其他', source: { authors: [] }, regions: [], tags: [], themes: [], setByUser: [],
    text, textHash: createHash('sha256').update(`${rec.id}\n${text}`).digest('hex'), original: null, clusterId: null, groupId: null,
    createdAt, updatedAt: createdAt,
  };
}
