import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis, DocumentWithAnalyses } from '../domain/index.js';
import { COMPARE_FIELDS, buildComparison, compareIdsProblem, comparisonToCsv, comparisonToMarkdown } from './compare.js';

const s = (start: number, end: number) => [{ start, end }];

function doc(id: string, title: string, analyses: Analysis[], themes: string[] = []): DocumentWithAnalyses {
  return {
    id, title, category: '实践案例', source: { authors: [] }, regions: [], tags: [], themes, setByUser: [], text: 'x'.repeat(200), textHash: id,
    original: null, clusterId: null, groupId: null, createdAt: '2024-01-01T00:00:00.000000Z', updatedAt: '2024-01-01T00:00:00.000000Z', analyses,
  };
}

function analysis(producer: string, createdAt: string, result: Analysis['result']): Analysis {
  return { id: producer + createdAt, documentId: 'd', producer, version: '1', createdAt, result };
}

const baoshan = analysis('offline@0.1.0', '2024-02-01T00:00:00.000000Z', {
  regions: [{ name: '上海市宝山区', code: '310113', level: 'district', path: [{ name: '上海市', code: '31' }, { name: '宝山区', code: '310113' }], alternatives: [], mentions: 3, spans: s(0, 3) }],
  themes: [{ name: '基层治理', score: 1, evidence: [], spans: s(5, 9) }],
  mechanisms: [{ name: '人民信箱', kind: 'platform', spans: s(10, 14) }, { name: '人民信箱', kind: 'platform', spans: s(40, 44) }],
  organizations: [{ name: '宝山区委', kind: 'organization', spans: s(20, 24) }],
  figures: [{ text: '93.6万', value: 936000, unit: '人', subject: '居村民实名注册', spans: s(30, 36) }],
  caseCard: { 地区: [], 主体: [], 问题与背景: [], 做法与机制: [{ text: '开设"社区通"平台, 居民议事', spans: s(50, 60) }], 成效: [{ text: '24小时响应\n居民满意', spans: s(61, 70) }], 数据: [], 经验启示: [{ text: '=全人群|参与', spans: s(71, 80) }] },
});

describe('buildComparison', () => {
  it('fills every field from the latest offline analysis, keeping spans and merging repeated items', () => {
    const older = analysis('offline@0.0.9', '2023-01-01T00:00:00.000000Z', { themes: [{ name: '旧主题', score: 1, evidence: [], spans: [] }] });
    const llm = analysis('llm:deepseek', '2025-01-01T00:00:00.000000Z', { themes: [{ name: '大模型主题', score: 1, evidence: [], spans: [] }] });
    const c = buildComparison([doc('a', '宝山', [llm, baoshan, older]), doc('b', '空白', [])]);
    assert.deepEqual(c.documents, [{ id: 'a', title: '宝山' }, { id: 'b', title: '空白' }]);
    assert.deepEqual(c.rows.map((r) => r.field), [...COMPARE_FIELDS]);
    const row = (f: string) => c.rows.find((r) => r.field === f)!.cells;
    assert.deepEqual(row('地区')[0], [{ text: '上海市宝山区', spans: s(0, 3) }]);
    assert.deepEqual(row('主题')[0], [{ text: '基层治理', spans: s(5, 9) }]);
    assert.deepEqual(row('机制')[0], [{ text: '人民信箱', spans: [...s(10, 14), ...s(40, 44)] }]);
    assert.deepEqual(row('主体')[0], [{ text: '宝山区委', spans: s(20, 24) }]);
    assert.deepEqual(row('数据')[0], [{ text: '居村民实名注册：93.6万', spans: s(30, 36) }]);
    assert.equal(row('做法')[0][0].text, '开设"社区通"平台, 居民议事');
    assert.equal(row('成效')[0].length, 1);
    assert.equal(row('经验启示')[0][0].text, '=全人群|参与');
    for (const r of c.rows.filter((x) => x.field !== '来源')) assert.deepEqual(r.cells[1], [], `document without analysis has an empty ${r.field} cell`);
    // What a case is cited by comes from the document itself, analysed or not.
    assert.deepEqual(row('来源')[1].map((i) => i.text), ['类别：实践案例', '未注明发布日期']);
    const cited = buildComparison([{ ...doc('p', '政策', []), category: '政策文件', source: { authors: [], publishedAt: '2017-06-12', issuer: '中共中央 国务院', docNumber: '中发〔2017〕13号' } }, doc('b', 'B', [])]);
    assert.deepEqual(cited.rows[0].cells[0].map((i) => i.text), ['类别：政策文件', '发布：2017-06-12', '发文机关：中共中央 国务院', '文号：中发〔2017〕13号']);
  });

  it('uses the themes a user confirmed instead of the classifier', () => {
    const c = buildComparison([doc('a', 'A', [baoshan], ['基层治理', '数字治理']), doc('b', 'B', [baoshan])]);
    const themes = c.rows.find((r) => r.field === '主题')!.cells;
    assert.deepEqual(themes[0], [{ text: '基层治理', spans: s(5, 9) }, { text: '数字治理', spans: [] }]);
  });
});

describe('buildComparison: places and themes a user set by hand', () => {
  it('shows the user\'s places and themes (even none) instead of the analysis\'s, and an undecided place with all its namesakes', () => {
    const byUser = { ...doc('a', 'A', [baoshan]), regions: ['330681'], setByUser: ['regions', 'themes'] as DocumentWithAnalyses['setByUser'] };
    const undecided = analysis('offline@0.2.0', '2024-03-01T00:00:00.000000Z', {
      regions: [{ name: '黑龙江省双鸭山市宝山区', code: '230506', level: 'district', path: [{ name: '黑龙江省', code: '23' }, { name: '双鸭山市', code: '2305' }, { name: '宝山区', code: '230506' }], alternatives: [{ name: '上海市宝山区', code: '310113' }], mentions: 1, spans: s(0, 3) }],
    });
    const c = buildComparison([byUser, { ...doc('b', 'B', [undecided]), regions: ['44'] }]);
    const row = (f: string) => c.rows.find((r) => r.field === f)!.cells;
    assert.deepEqual(row('地区')[0], [{ text: '浙江省绍兴市诸暨市', spans: [] }]);
    assert.deepEqual(row('主题')[0], [], 'themes cleared by the user');
    assert.deepEqual(row('地区')[1], [
      { text: '宝山区（未能确定是 黑龙江省双鸭山市宝山区、上海市宝山区 中的哪一个）', spans: s(0, 3) },
      { text: '广东省', spans: [] },
    ]);
  });
});

describe('compareIdsProblem', () => {
  it('accepts 2 to 5 distinct ids and explains anything else in Chinese', () => {
    assert.equal(compareIdsProblem(['a', 'b']), null);
    assert.equal(compareIdsProblem(['a', 'b', 'c', 'd', 'e']), null);
    assert.match(compareIdsProblem(['a'])!, /2–5 篇/);
    assert.match(compareIdsProblem(['a', 'b', 'c', 'd', 'e', 'f'])!, /收到 6 篇/);
    assert.match(compareIdsProblem(['a', 'a'])!, /不能重复/);
  });
});

describe('exports', () => {
  const c = buildComparison([doc('a', '宝山, "全人群"', [baoshan]), doc('b', 'B|2', [baoshan])]);

  it('writes RFC 4180 CSV with a BOM, CRLF, quoting and formula defusing', () => {
    const csv = comparisonToCsv(c);
    assert.ok(csv.startsWith('\ufeff字段,"宝山, ""全人群""",B|2\r\n'));
    assert.ok(csv.endsWith('\r\n'));
    assert.match(csv, /\r\n做法,"开设""社区通""平台, 居民议事","开设""社区通""平台, 居民议事"\r\n/);
    assert.match(csv, /\r\n成效,"24小时响应\n居民满意",/, 'a newline inside a cell is quoted, not a record break');
    assert.match(csv, /\r\n经验启示,'=全人群\|参与,/, 'a leading = cannot run as an Excel formula');
    assert.match(csv, /\r\n数据,居村民实名注册：93\.6万,/);
  });

  it('joins several items of a cell with ；', () => {
    const two = buildComparison([doc('a', 'A', [baoshan], ['甲', '乙']), doc('b', 'B', [])]);
    assert.match(comparisonToCsv(two), /\r\n主题,甲；乙,\r\n/);
  });

  it('writes a Markdown table with | and newlines escaped', () => {
    const md = comparisonToMarkdown(c);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines.length, 2 + COMPARE_FIELDS.length, 'one line per row: no raw newline leaks from a cell');
    assert.equal(lines[0], '| 字段 | 宝山, "全人群" | B\\|2 |');
    assert.equal(lines[1], '| --- | --- | --- |');
    assert.ok(lines.includes('| 成效 | 24小时响应<br>居民满意 | 24小时响应<br>居民满意 |'));
    assert.ok(lines.includes('| 经验启示 | =全人群\\|参与 | =全人群\\|参与 |'));
  });
});
