import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowCache } from './row-cache.js';

describe('RowCache', () => {
  const rows = (text: (rid: number) => string) => {
    const reads: number[][] = [];
    const read = (missing: number[]): [number, string][] => { reads.push([...missing]); return missing.filter((r) => r > 0).map((r) => [r, text(r)]); };
    return { reads, read };
  };

  it('reads only the rows it does not keep, and leaves out rowids the reader does not find', () => {
    const cache = new RowCache<string>((s) => s.length, 100);
    const { reads, read } = rows((r) => `行${r}`);
    assert.deepEqual([...cache.get('a', [1, 2, 3], read)], [[1, '行1'], [2, '行2'], [3, '行3']]);
    assert.deepEqual([...cache.get('a', [3, 4, -1, 1], read)].sort(), [[1, '行1'], [3, '行3'], [4, '行4']]);
    assert.deepEqual(reads, [[1, 2, 3], [4, -1]]);
  });

  it('forgets everything when the write stamp changes (another connection or this one wrote)', () => {
    const cache = new RowCache<string>((s) => s.length, 100);
    let version = 'old';
    const { reads, read } = rows((r) => `${version}${r}`);
    cache.get('s1', [1, 2], read);
    version = 'new';
    assert.deepEqual([...cache.get('s2', [1, 2], read)], [[1, 'new1'], [2, 'new2']]);
    assert.deepEqual(reads, [[1, 2], [1, 2]]);
  });

  it('keeps at most its budget of characters, dropping the least recently used rows first, and never keeps a row larger than a quarter of it', () => {
    const cache = new RowCache<string>((s) => s.length, 40);
    const { reads, read } = rows((r) => (r === 9 ? 'x'.repeat(11) : 'x'.repeat(10)));
    cache.get('s', [1, 2, 3], read);
    cache.get('s', [1], read);
    cache.get('s', [4, 5], read);
    reads.length = 0;
    cache.get('s', [1, 4, 5], read);
    assert.deepEqual(reads, [], '1 (used again), 4 and 5 kept');
    cache.get('s', [2, 3], read);
    assert.deepEqual(reads, [[2]], 'only 2, the least recently used when 4 and 5 came, was dropped (1 had been used since)');
    reads.length = 0;
    cache.get('s', [9], read);
    cache.get('s', [9], read);
    assert.deepEqual(reads, [[9], [9]], 'a row of 11 characters is over a quarter of 40: read each time');
  });
});
