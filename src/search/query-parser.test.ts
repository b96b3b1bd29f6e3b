import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_QUERY_CHARS, parseQuery, parseYearRange } from './query-parser.js';

describe('parseQuery', () => {
  it('reads words, phrases in ASCII and Chinese quotes, exclusions and OR', () => {
    const q = parseQuery('社区治理 "网格化 管理" “全人群” -上海 -"老旧小区" 接诉即办 OR 12345');
    assert.deepEqual(q.clauses, [['社区治理'], ['接诉即办', '12345']]);
    assert.deepEqual(q.phrases, ['网格化 管理', '全人群']);
    assert.deepEqual(q.excluded, ['上海', '老旧小区']);
    assert.deepEqual(q.messages, []);
  });

  it('reads operators, quotes and minus typed in full width (ＮＯＴ, ＯＲ, ＡＮＤ, ＂…＂, －) as their half-width forms', () => {
    assert.deepEqual(parseQuery('ＮＯＴ 物業 治理').excluded, ['物業']);
    assert.deepEqual(parseQuery('接诉即办 ＯＲ 12345').clauses, [['接诉即办', '12345']]);
    assert.deepEqual(parseQuery('社区治理 ＡＮＤ 老旧小区').clauses, [['社区治理'], ['老旧小区']]);
    assert.deepEqual(parseQuery('＂议事协商＂').phrases, ['议事协商']);
    assert.deepEqual(parseQuery('－社区　治理').excluded, ['社区'], 'full-width minus and ideographic space');
  });

  it('reads every field filter with Chinese and English names, full-width colons and quoted values', () => {
    const q = parseQuery('类别:政策文件 主题：数字治理 地区:上海 年份:2019-2024 专题:"我的 专题" 标签:试点,重点');
    assert.deepEqual(q.filters.category, ['政策文件']);
    assert.deepEqual(q.filters.theme, ['数字治理']);
    assert.deepEqual(q.filters.region, ['上海']);
    assert.deepEqual(q.filters.collection, ['我的 专题']);
    assert.deepEqual(q.filters.tag, ['试点', '重点']);
    for (const typed of ['标签:"船舶、舰船工程"', '标签:“船舶、舰船工程”', '-标签:"船舶、舰船工程"']) {
      const t = parseQuery(typed);
      assert.deepEqual([...t.filters.tag, ...t.excludedFilters.tag], ['船舶、舰船工程'], `${typed}: a quoted value is one value, separators and all`);
    }
    assert.equal(q.filters.yearFrom, 2019);
    assert.equal(q.filters.yearTo, 2024);
    const e = parseQuery('category:新闻报道 theme:x region:310113 year:2020 collection:c1 tag:t');
    assert.deepEqual([e.filters.category, e.filters.region, e.filters.collection, e.filters.tag], [['新闻报道'], ['310113'], ['c1'], ['t']]);
    assert.deepEqual([e.filters.yearFrom, e.filters.yearTo], [2020, 2020]);
  });

  it('joins a quoted phrase with OR to the word or phrase beside it, and only to that', () => {
    const q = parseQuery('"议事协商" OR "接诉即办" 社区 "网格化 管理" OR 物业 老旧小区 OR "加装 电梯"');
    assert.deepEqual(q.clauses, [['议事协商', '接诉即办'], ['社区'], ['网格化 管理', '物业'], ['老旧小区', '加装 电梯']]);
    assert.deepEqual(q.phrases, []);
    assert.deepEqual(q.quotedAlternatives, [{ clause: 0, text: '议事协商' }, { clause: 0, text: '接诉即办' }, { clause: 2, text: '网格化 管理' }, { clause: 3, text: '加装 电梯' }]);
    assert.deepEqual(parseQuery('社区 "议事协商"').phrases, ['议事协商'], 'without OR a phrase stays a required phrase');
    for (const text of ['社区 -"老旧小区" OR 物业', '社区 地区:上海 OR 物业']) {
      const p = parseQuery(text);
      assert.deepEqual(p.clauses, [['社区'], ['物业']], `${text}: OR after an exclusion or a filter joins nothing`);
      assert.match(p.messages.join(''), /OR 已忽略/);
    }
  });

  it('reads filters typed without spaces between them one by one, each with its own sign', () => {
    const q = parseQuery('治理 -地区:上海-地区:北京 类别:政策文件年份:2019-2021 -标签:试点－主题:x');
    assert.deepEqual(q.excludedFilters.region, ['上海', '北京']);
    assert.deepEqual(q.filters.region, []);
    assert.deepEqual(q.filters.category, ['政策文件']);
    assert.deepEqual([q.filters.yearFrom, q.filters.yearTo], [2019, 2021], 'a year range keeps its hyphen');
    assert.deepEqual([q.excludedFilters.tag, q.excludedFilters.theme], [['试点'], ['x']]);
    assert.deepEqual(q.clauses, [['治理']]);
    assert.deepEqual(parseQuery('上海-地区:北京').clauses, [['上海-地区:北京']], 'a word is not a filter');
    assert.deepEqual(parseQuery('标签:2024年:总结').filters.tag, ['2024年:总结'], '年 alone does not start a glued filter');
    assert.deepEqual(parseQuery('地区:上海地區:北京').filters.region, ['上海', '北京'], 'a traditional field name is a field name');
  });

  it('reads a negated filter (-类别:…, NOT 地区:…, -年份:…) as an excluded filter, never as the filter', () => {
    const q = parseQuery('社区治理 -类别:政策文件 NOT 地区:上海 -年份:2021 -tag:试点,重点 类别:新闻报道');
    assert.deepEqual(q.clauses, [['社区治理']]);
    assert.deepEqual([q.filters.category, q.filters.region, q.filters.yearFrom], [['新闻报道'], [], undefined]);
    assert.deepEqual(q.excludedFilters, { category: ['政策文件'], theme: [], region: ['上海'], collection: [], tag: ['试点', '重点'], yearFrom: 2021, yearTo: 2021 });
    assert.deepEqual(q.excluded, []);
    assert.deepEqual(q.messages, []);
    for (const typed of ['- 类别:政策文件 治理', 'not 类别:政策文件 治理', '－ 类别:政策文件 治理']) {
      const n = parseQuery(typed);
      assert.deepEqual([n.excludedFilters.category, n.filters.category, n.clauses], [['政策文件'], [], [['治理']]], typed);
    }
    const lower = parseQuery('治理 not 物业 and 社区 or 小区');
    assert.deepEqual([lower.clauses, lower.excluded], [[['治理'], ['社区', '小区']], ['物业']], 'and / or / not in lower case are operators');
    assert.match(parseQuery('类别:').messages[0], /筛选条件没有取值（类别:）/);
    assert.match(parseQuery('治理 OR -类别:政策文件').messages[0], /OR 只能连接检索词/, 'OR before a filter is reported, not dropped silently');
    assert.deepEqual([parseQuery('COVID - 19').clauses, parseQuery('COVID - 19').excluded], [[['COVID'], ['-'], ['19']], []], 'a lone minus between words excludes nothing');
  });

  it('reads a filter value after a space, traditional field names and full-width years', () => {
    const q = parseQuery('治理 -地区: 上海 類别:政策文件 年份:２０１９－２０２１ 標簽:试点');
    assert.deepEqual([q.excludedFilters.region, q.filters.category, q.filters.yearFrom, q.filters.yearTo, q.filters.tag, q.clauses],
      [['上海'], ['政策文件'], 2019, 2021, ['试点'], [['治理']]]);
    const notValues = parseQuery('类别: -政策文件 主题: NOT 网格');
    assert.deepEqual([notValues.filters.category, notValues.filters.theme, notValues.excluded], [[], [], ['政策文件', '网格']], 'an exclusion or operator after the colon is not the value');
    const cut = parseQuery('治理 '.repeat(600));
    assert.ok(cut.clauses.every((c) => c[0] === '治理'), 'the cut keeps whole words');
  });

  it('reads open and reversed year ranges and reports a bad one in Chinese', () => {
    assert.deepEqual(parseYearRange('2019-'), { from: 2019, to: undefined });
    assert.deepEqual(parseYearRange('-2024'), { from: undefined, to: 2024 });
    assert.deepEqual(parseYearRange('2024至2019'), { from: 2019, to: 2024 });
    assert.equal(parseYearRange('去年'), null);
    assert.deepEqual(parseYearRange('二〇一九'), { from: 2019, to: 2019 }, 'a year in Han digits');
    assert.deepEqual(parseYearRange('二零一九-二〇二一年'), { from: 2019, to: 2021 });
    assert.deepEqual(parseYearRange('二〇一九年至二〇二一年'), { from: 2019, to: 2021 });
    assert.deepEqual(parseYearRange('2019年-2021年'), { from: 2019, to: 2021 });
    assert.match(parseQuery('年份:去年').messages[0], /年份格式无法识别/);
    const two = parseQuery('年份:2011 年份:2013');
    assert.deepEqual([two.filters.yearFrom, two.filters.yearTo], [2013, 2013]);
    assert.match(two.messages.join(), /只能写一个年份范围，已按最后一个（2013）筛选/);
    const three = parseQuery('年份:2019 年份:2020 年份:2021 治理');
    assert.deepEqual(three.messages.filter((m) => m.includes('年份范围')), [three.messages.find((m) => m.includes('（2021）'))], 'one note, naming the range that applies');
    const many = parseQuery('年份:2019 '.repeat(2000));
    assert.ok(many.messages.join('；').length < 200, 'a repeated cause gives its note once');
  });

  it('says which fields of other engines it does not have and searches their value (title:网格员 → 网格员; sort:date → nothing)', () => {
    const title = parseQuery('title:网格员');
    assert.deepEqual(title.clauses, [['网格员']]);
    assert.deepEqual(title.messages, ['不支持按“title”筛选，已只检索“网格员”', '可用的筛选：类别: 主题: 地区: 年份: 专题: 标签:']);
    const sorted = parseQuery('title:网格员 sort:date');
    assert.deepEqual(sorted.clauses, [['网格员']]);
    assert.ok(sorted.messages.some((m) => /“sort:date”已忽略.*sort=date/.test(m)), sorted.messages.join(' / '));
    assert.equal(sorted.messages.filter((m) => m.startsWith('可用的筛选')).length, 1, 'the filters there are, said once');
    assert.match(parseQuery('时间:2021 社区').messages[0], /年份:2021/);
    assert.deepEqual(parseQuery('-作者：张三 社区').excluded, ['张三']);
    assert.deepEqual(parseQuery('原因：物业不管').messages, [], 'a colon inside a pasted sentence is no field');
    const near = parseQuery('NEAR(网格员 社区');
    assert.deepEqual(near.clauses, [['网格员'], ['社区']], 'NEAR( of another engine is dropped with its bracket');
    assert.match(near.messages[0], /NEAR 不是本系统的语法/);
  });

  it('never throws and keeps only words from hostile input', () => {
    const inputs = ['"unbalanced', '((a) AND b NEAR/3 c*', "'; DROP TABLE documents;--", '\u0000\u0007\u001b', '🏠🚀', 'x'.repeat(10_000), '', '   ', '-', ':', '类别:', 'NOT', 'OR OR',
      'constructor:abc', '__proto__:x', 'toString:1', 'hasOwnProperty:社区'];
    for (const s of inputs) assert.doesNotThrow(() => parseQuery(s), s.slice(0, 10));
    const hostile = parseQuery('((a) AND b NEAR c* NOT d');
    assert.deepEqual(hostile.clauses, [['((a)'], ['b'], ['c']], 'brackets stay as text; segmentation drops them');
    assert.deepEqual(hostile.excluded, ['d']);
    // Names of Object's own methods are words, not fields (constructor: found Object's constructor: a 500).
    assert.deepEqual(parseQuery('constructor:abc').clauses, [['constructor:abc']]);
    assert.deepEqual(parseQuery('constructor:abc').filters, parseQuery('abc').filters, 'no filter');
    assert.match(parseQuery('"unbalanced 社区').messages[0], /引号不成对/);
    const long = parseQuery('社'.repeat(10_000));
    assert.equal(long.clauses[0][0].length, MAX_QUERY_CHARS);
    assert.match(long.messages[0], /查询过长/);
    assert.deepEqual(parseQuery(null).clauses, []);
    assert.deepEqual(parseQuery('社\u200d区治理\ufeff 网\u200b格').clauses, [['社区治理'], ['网格']], 'invisible characters do not split words');
    assert.deepEqual(parseQuery('社区\u0007治理').clauses, [['社区'], ['治理']], 'control characters separate words');
  });

  it('reads 类别:"" as an empty value (not the next word), and says so when OR follows a filter', () => {
    const empty = parseQuery('类别:"" 社区');
    assert.deepEqual([empty.filters.category, empty.clauses], [[], [['社区']]]);
    assert.match(empty.messages.join(), /筛选条件没有取值/);
    assert.match(parseQuery('类别:政策文件 OR 社区').messages.join(), /OR 前面是筛选条件，OR 已忽略/);
    // Two values of one field are already alternatives: the note must not say both are required.
    const places = parseQuery('地区:上海 OR 地区:北京');
    assert.deepEqual(places.filters.region, ['上海', '北京']);
    assert.match(places.messages.join(), /任一满足即可/);
    assert.doesNotMatch(places.messages.join(), /都须/);
  });
});
