import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formalTermsOf, parseLayTerms } from './lay-terms.js';

describe('lay terms', () => {
  it('maps what residents say to what documents say, one direction only', () => {
    assert.ok(formalTermsOf('房东').includes('出租人'));
    assert.ok(formalTermsOf('工资').includes('劳动报酬'));
    assert.deepEqual(formalTermsOf('出租人'), []);
    assert.ok(formalTermsOf('维修基金').includes('专项维修资金'), 'property management');
    assert.ok(formalTermsOf('民告官').includes('行政诉讼'), 'administrative matters');
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
