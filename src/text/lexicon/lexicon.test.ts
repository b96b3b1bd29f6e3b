import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allEntries, lookupTerm, parseLexicon, synonymsOf, LEXICON_KINDS } from './lexicon.js';

test('the governance lexicon has at least 300 well-formed entries', () => {
  const all = allEntries();
  assert.ok(all.length >= 300, String(all.length));
  for (const e of all) {
    assert.ok(LEXICON_KINDS.includes(e.kind), e.term);
    assert.ok(e.source, `source of ${e.term}`);
  }
  for (const t of ['接诉即办', '网格员', '一网统管', '一网通办', '五社联动', '共建共治共享', '全过程人民民主', '社区治理学院', '人民信箱', '议事厅', '枫桥经验']) {
    assert.ok(lookupTerm(t), t);
  }
  assert.equal(lookupTerm('枫桥经验')?.source, '浙江诸暨');
});

test('synonymsOf is symmetric', () => {
  assert.ok(synonymsOf('接诉即办').includes('12345市民服务热线'));
  assert.ok(synonymsOf('12345市民服务热线').includes('接诉即办'));
  assert.ok(synonymsOf('网格管理员').includes('网格员'));
  assert.deepEqual(synonymsOf('不存在的词'), []);
});

test('parseLexicon rejects an unknown kind', () => {
  assert.throws(() => parseLexicon('词\tunknown\t来源\t'));
  assert.deepEqual(parseLexicon('# comment\n议事厅\tplatform\t地方实践\t社区议事厅|居民议事厅\n'), [
    { term: '议事厅', kind: 'platform', source: '地方实践', synonyms: ['社区议事厅', '居民议事厅'] },
  ]);
});
