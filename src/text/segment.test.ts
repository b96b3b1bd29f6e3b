import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addUserTerms, lexiconTerms, segment, segmentForSearch } from './segment.js';
import { normaliseForIndex } from './normalise.js';
import { posOf } from './jieba-data.js';

const words = (t: string) => segment(t).map((x) => x.text);

test('figures with units stay whole as figure tokens', () => {
  const toks = segment('93.6万居村民中，20-35岁占多数，24小时内回应，增长3.5%，投入1.2亿元，服务2,000人次，第3季度');
  const figures = toks.filter((t) => t.kind === 'figure').map((t) => t.text);
  assert.deepEqual(figures, ['93.6万', '20-35岁', '24小时', '3.5%', '1.2亿元', '2,000人次', '第3季度']);
});

test('governance lexicon terms are single lexicon tokens', () => {
  const toks = segment('宝山成立社区治理学院，开通人民信箱和议事厅，坚持枫桥经验，拨打12345市民服务热线');
  const lex = toks.filter((t) => t.kind === 'lexicon').map((t) => t.text);
  for (const t of ['社区治理学院', '人民信箱', '议事厅', '枫桥经验', '12345市民服务热线']) assert.ok(lex.includes(t), t);
});

test('punctuation and Latin tokens get their kinds; whitespace is dropped', () => {
  const toks = segment('使用 App 反馈。');
  assert.deepEqual(toks.map((t) => [t.text, t.kind]), [['使用', 'word'], ['App', 'latin'], ['反馈', 'word'], ['。', 'punct']]);
});

test('works on normalised text (full-width digits become figures)', () => {
  assert.ok(words(normaliseForIndex('９３．６万')).includes('93.6万'));
});

test('search mode adds sub-words inside their parent word', () => {
  const toks = segmentForSearch('中华人民共和国社区治理学院');
  const parent = toks.find((t) => t.text === '中华人民共和国')!;
  const sub = toks.find((t) => t.text === '共和国')!;
  assert.ok(sub.start >= parent.start && sub.end <= parent.end);
  assert.ok(toks.some((t) => t.text === '社区治理学院'));
});

test('addUserTerms makes a new term a lexicon token', () => {
  assert.ok(!words('这是甲乙丙丁工作法的实践').includes('甲乙丙丁工作法'));
  addUserTerms([{ term: '甲乙丙丁工作法', kind: 'mechanism' }]);
  assert.ok(segment('这是甲乙丙丁工作法的实践').some((t) => t.text === '甲乙丙丁工作法' && t.kind === 'lexicon'));
  assert.ok(lexiconTerms().some((e) => e.term === '甲乙丙丁工作法'));
  assert.ok(lexiconTerms().length >= 300);
});

test('token spans round-trip in both modes and precise tokens are ordered (property)', () => {
  const alphabet = fc.constantFrom(...'社区治理学院人民信箱93.6万%岁-小时，。 abcABC１２“”\n'.split(''), '议事厅', '20-35岁', '2,000人');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), (t) => {
      let prev = 0;
      for (const tok of segment(t)) {
        if (t.slice(tok.start, tok.end) !== tok.text || tok.start < prev) return false;
        prev = tok.end;
      }
      return segmentForSearch(t).every((tok) => t.slice(tok.start, tok.end) === tok.text);
    }),
    { numRuns: 300 },
  );
});

test('segmentation is deterministic', () => {
  const t = '上海市宝山区通过社区治理学院赋能基层干部，93.6万居村民实名注册。';
  assert.deepEqual(segment(t), segment(t));
});

test('a term a user adds is a lexicon word for part of speech too (nz), not an unknown word', () => {
  assert.equal(posOf('璟珑议事坊'), undefined);
  addUserTerms([{ term: '璟珑议事坊', kind: 'mechanism' }]);
  assert.equal(posOf('璟珑议事坊'), 'nz');
});
