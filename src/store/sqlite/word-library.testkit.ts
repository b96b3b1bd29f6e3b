// A library of random documents made of a few words, for the tests of the frequent-word lists, counts and
// postings: small lists and thresholds, so that a few hundred documents give every word a list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDoc, makeIndex } from '../store-contract.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

/** A seeded generator, so a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds n documents of 2 … maxLength+1 words (earlier words more often; some in the title or keywords); returns their ids. */
export type AddDocuments = (n: number, maxLength?: number) => Promise<string[]>;

/**
 * Runs `f` over a fresh store in a temp directory, removed afterwards. `words` are drawn by `seed`; every
 * document also has a title word of its own (标题N, N counting from 0), held by it alone.
 */
export async function withWordLibrary(words: string[], seed: number, options: SqliteStoreOptions,
  f: (store: SqliteStore, add: AddDocuments) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zhizhi-words-'));
  const store = new SqliteStore(join(dir, 'z.db'), options);
  const rnd = random(seed);
  const pick = () => words[Math.floor(rnd() * rnd() * words.length)];
  let made = 0;
  const add: AddDocuments = async (n, maxLength = 40) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++, made++) {
      const body = Array.from({ length: 2 + Math.floor(rnd() * maxLength) }, pick).join(' ');
      const d = makeDoc(`文档${made} ${body}`, { title: rnd() < 0.3 ? pick() : `标题${made}` });
      await store.createDocument(d, { index: { ...makeIndex(d, body, { year: 2018 + Math.floor(rnd() * 5) }), keywords: rnd() < 0.3 ? pick() : '' } });
      ids.push(d.id);
    }
    return ids;
  };
  try { await f(store, add); } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
}
