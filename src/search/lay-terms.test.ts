import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formalTermsOf, layTermsIn, parseLayTerms } from './lay-terms.js';
import { parseQuery } from './query-parser.js';
import { queryConcepts } from './query-terms.js';

describe('lay terms', () => {
  it('maps what residents say to what documents say, one direction only', () => {
    assert.ok(formalTermsOf('房东').includes('出租人'));
    assert.ok(formalTermsOf('工资').includes('劳动报酬'));
    assert.deepEqual(formalTermsOf('出租人'), []);
    assert.ok(formalTermsOf('维修基金').includes('专项维修资金'), 'property management');
    assert.ok(formalTermsOf('民告官').includes('行政诉讼'), 'administrative matters');
  });

  it('finds lay terms inside a text, longest first and without overlaps', () => {
    assert.deepEqual(layTermsIn('楼上高空抛物砸坏了车').map((x) => x.term), ['高空抛物']);
    assert.equal(layTermsIn('楼上高空抛物砸坏了车')[0].start, 2);
  });

  it('a question whose lay term the segmenter split across words still gets its formal terms; a keyword query does not', () => {
    const question = queryConcepts(parseQuery('楼上有人高空抛物砸坏了我的车，可以要求赔偿吗？'));
    assert.ok(!question.concepts.some((c) => c.text === '高空抛物'), 'the segmenter splits 高空抛物 (else this test proves nothing)');
    const owner = question.concepts.find((c) => c.synonyms.includes('抛掷物品'));
    assert.equal(owner?.text, '高空', 'attached to the word the lay term starts in');
    assert.ok(owner?.evidence.some((e) => e.term === '抛掷' && e.kind === 'synonym'));
    const keywords = queryConcepts(parseQuery('高空 抛物'));
    assert.ok(!keywords.concepts.some((c) => c.synonyms.includes('抛掷物品')));
  });

  it('parses the table, merging repeated lay terms and dropping the term itself from its own list', () => {
    const t = parseLayTerms('# comment\n房东\t出租人\n\n房东\t出租人|房东|业主\n');
    assert.deepEqual(t.get('房东'), ['出租人', '业主']);
  });

  it('rejects a line without formal terms with a Chinese message naming the line', () => {
    assert.throws(() => parseLayTerms('房东\n'), /第 1 行/);
  });

  it('ships at least 1,400 lay terms, none of them mapped only to itself', () => {
    const table = parseLayTerms(readFileSync(new URL('./lay-terms.tsv', import.meta.url), 'utf8'));
    assert.ok(table.size >= 1400, String(table.size));
    for (const [lay, formal] of table) assert.ok(formal.length && !formal.includes(lay), lay);
  });
});
