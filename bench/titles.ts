/**
 * npm run bench:titles [-- <folder>]  (default ../shared/eval/govreports)
 * Known-item search: indexes the folder's corpus.jsonl into a fresh store and searches each document's
 * exact title through the same path users hit; prints how often that document comes first and in the
 * top 3, and the first few it missed. Titles shared by several documents are skipped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchDocuments } from '../src/search/search.js';
import { buildIndexEntry } from '../src/search/tokens.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { evalDocument } from './eval-docs.js';

const folder = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'eval', 'govreports');
const recs = readFileSync(join(folder, 'corpus.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; title?: string; text: string });
const dir = mkdtempSync(join(tmpdir(), 'zhizhi-bench-titles-'));
const store = new SqliteStore(join(dir, 'z.db'));
try {
  for (const r of recs) {
    const d = evalDocument(r, '2024-01-01T00:00:00.000000Z');
    await store.createDocument(d, { index: buildIndexEntry(d) });
  }
  const titled = recs.filter((r) => r.title?.trim());
  const count = new Map<string, number>();
  for (const r of titled) count.set(r.title!, (count.get(r.title!) ?? 0) + 1);
  const unique = titled.filter((r) => count.get(r.title!) === 1);
  let first = 0;
  let top3 = 0;
  const missed: string[] = [];
  for (const r of unique) {
    const at = (await searchDocuments(store, { q: r.title!, limit: 10 })).hits.findIndex((h) => h.id === r.id);
    if (at === 0) first++;
    if (at >= 0 && at < 3) top3++;
    else if (missed.length < 5) missed.push(`${r.title} (${at < 0 ? 'not in top 10' : `#${at + 1}`})`);
  }
  console.log(`${unique.length} documents with a title of their own (${recs.length} in the set)`);
  if (missed.length) console.log(`missed: ${missed.join('; ')}`);
  console.log(`title first=${(first / Math.max(1, unique.length)).toFixed(3)} top3=${(top3 / Math.max(1, unique.length)).toFixed(3)}`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
