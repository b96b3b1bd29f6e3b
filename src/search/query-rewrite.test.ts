import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from './query-parser.js';
import { replaceFilterValue } from './query-rewrite.js';

describe('replaceFilterValue', () => {
  it('swaps the typed value in place, under the field name it was typed with', () => {
    assert.equal(replaceFilterValue('社区 分类:政策', 'category', '政策', '政策文件', false), '社区 分类:政策文件');
    assert.equal(replaceFilterValue('社区 category:政策 年份:2020', 'category', '政策', '政策文件', false), '社区 category:政策文件 年份:2020');
    assert.equal(replaceFilterValue('类别: 政策 社区', 'category', '政策', '政策文件', false), '类别: 政策文件 社区', 'a value typed after a space');
    assert.equal(replaceFilterValue('类别: "政策" 社区', 'category', '政策', '政策文件', false), '类别: 政策文件 社区', 'quoted, after a space (quotes not needed any more)');
    assert.equal(replaceFilterValue('类别: 「政策」 社区', 'category', '政策', '政策 文件', false), '类别: "政策 文件" 社区');
    assert.equal(replaceFilterValue('社区 分类:政策年份:2019', 'category', '政策', '政策文件', false), '社区 分类:政策文件年份:2019', 'filters glued together');
  });

  it('rewrites only the filter of the given field and negation', () => {
    assert.equal(replaceFilterValue('社区 类别:政策 标签:政策', 'tag', '政策', '政策解读', false), '社区 类别:政策 标签:政策解读');
    assert.equal(replaceFilterValue('社区 类别:政策 -类别:政策', 'category', '政策', '政策文件', true), '社区 类别:政策 -类别:政策文件');
    assert.equal(replaceFilterValue('社区 类别:政策 NOT 类别:政策', 'category', '政策', '政策文件', true), '社区 类别:政策 NOT 类别:政策文件');
    assert.equal(replaceFilterValue('社区 - 类别:政策', 'category', '政策', '政策文件', true), '社区 - 类别:政策文件');
    assert.equal(replaceFilterValue('社区 -类别:政策', 'category', '政策', '政策文件', false), null, 'an exclusion is no requirement');
    assert.equal(replaceFilterValue('政策:政策 社区', 'category', '政策', '政策文件', false), null, 'not a field name');
    assert.equal(replaceFilterValue('社区', 'category', '政策', '政策文件', false), null, 'the value came from the page, not the query');
  });

  it('keeps quotes and lists readable as the parser reads them', () => {
    assert.equal(replaceFilterValue('社区 -类别:「政策」', 'category', '政策', '政策文件', true), '社区 -类别:"政策文件"');
    assert.equal(replaceFilterValue('类别:政策,研究', 'category', '政策', '政策文件', false), '类别:政策文件、研究');
    assert.equal(replaceFilterValue('标签:政策 社区', 'tag', '政策', '船舶、舰船工程', false), '标签:"船舶、舰船工程" 社区', 'a value holding a separator is quoted');
    assert.equal(replaceFilterValue('标签:政策,研究', 'tag', '政策', '船舶、舰船工程', false), null, 'which a list cannot hold');
    assert.equal(replaceFilterValue('"社区 标签:政策', 'tag', '政策', '政策 解读', false), null, 'a quote of ours would pair with a stray one: no rewrite');
    const typed = '社区　类別：政策　OR　网格';
    const rewritten = replaceFilterValue(typed, 'category', '政策', '政策文件', false)!;
    const [before, after] = [parseQuery(typed), parseQuery(rewritten)];
    assert.deepEqual(after.filters.category, ['政策文件'], 'full width and traditional field names');
    assert.deepEqual(after.clauses, before.clauses, 'the rest of the query reads the same');
  });
});
