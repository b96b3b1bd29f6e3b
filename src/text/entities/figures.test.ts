import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeed } from '../testing/seed.js';
import { extractFigures, parseNumber } from './figures.js';
import { normaliseForIndex } from '../normalise.js';

const one = (text: string) => {
  const f = extractFigures(text);
  assert.equal(f.length, 1, JSON.stringify(f));
  return f[0];
};

test('the seed: 93.6万居村民 → 936000 人 counting 居村民实名注册, 20-35岁 → 20..35 岁, 24小时 → 24 h', () => {
  const { first, rest } = readSeed();
  const figs = extractFigures(first);
  const reg = figs.find((f) => f.value === 936000)!;
  assert.equal(reg.unit, '人');
  assert.equal(reg.subject, '居村民实名注册');
  assert.equal(first.slice(reg.spans[0].start, reg.spans[0].end), reg.text);
  const age = figs.find((f) => f.unit === '岁')!;
  assert.deepEqual([age.value, age.valueMax, age.text], [20, 35, '20-35岁']);
  const hours = extractFigures(rest).find((f) => f.unit === 'h')!;
  assert.equal(hours.value, 24);
  assert.match(hours.subject, /解决居民问题/);
  assert.equal(extractFigures(rest).find((f) => f.value === 936000)?.subject, '居村民实名注册', '93.6万名居村民的实名注册');
});

test('the subject comes from before the figure when nothing follows it', () => {
  const f = one('注册人数达93.6万。');
  assert.deepEqual([f.value, f.unit, f.subject], [936000, '人', '注册人数']);
});

test('figures listed after 分别 take the subjects listed before it, in order; a level kept (保持在) is not part of the subject; 1100余万件 is a figure', () => {
  const f = extractFigures('解决率和满意率分别提高到89%和92%，响应率保持在98%以上。');
  assert.deepEqual(f.map((x) => [x.subject, x.value]), [['解决率', 89], ['满意率', 92], ['响应率', 98]]);
  // 余 before 万 as well as after it.
  assert.deepEqual(extractFigures('受理群众诉求1100余万件。').map((x) => [x.text, x.value, x.unit]), [['1100余万件', 11_000_000, '件']]);
  assert.deepEqual(extractFigures('受理群众诉求1100万余件。').map((x) => [x.text, x.value, x.unit]), [['1100万余件', 11_000_000, '件']]);
});

test('units are normalised: %, 百分之, 元 with 万/亿, 平方米, 人次, 件, 个, 户, 年 durations', () => {
  assert.deepEqual([one('覆盖率达35.6%').value, one('覆盖率达35.6%').unit], [35.6, '%']);
  assert.deepEqual([one('百分之三十的居民参与').value, one('百分之三十的居民参与').unit], [30, '%']);
  assert.deepEqual([one('投入3.2亿元').value, one('投入3.2亿元').unit], [320000000, '元']);
  assert.deepEqual([one('资金50万元').value, one('资金50万元').unit], [500000, '元']);
  assert.deepEqual([one('改造12万平方米').value, one('改造12万平方米').unit], [120000, '平方米']);
  assert.equal(one('服务3000人次').unit, '人次');
  assert.deepEqual([one('受理诉求三千件').value, one('受理诉求三千件').unit], [3000, '件']);
  assert.deepEqual([one('覆盖一百二十个社区').value, one('覆盖一百二十个社区').unit], [120, '个']);
  assert.equal(one('惠及800户').unit, '户');
  assert.deepEqual([one('历时3年').value, one('历时3年').unit], [3, '年']);
  assert.deepEqual([one('1000余名志愿者').value, one('1000余名志愿者').unit], [1000, '人']);
  assert.deepEqual([one('产量增长四点二倍').value, one('产量增长四点二倍').unit], [4.2, '倍']);
});

test('years, dates, clock times, ordinals and 一个 are not figures', () => {
  assert.deepEqual(extractFigures('2019年起，2024年10月，2024-10-29 15:05:37.450468，第3届，一个平台，1. 推动'), []);
  assert.deepEqual(extractFigures('一九四九年至一九五二年，二〇二四年'), []);
});

test('Chinese numerals parse', () => {
  assert.equal(parseNumber('三千'), 3000);
  assert.equal(parseNumber('一百二十'), 120);
  assert.equal(parseNumber('十五'), 15);
  assert.equal(parseNumber('两万三千'), 23000);
  assert.equal(parseNumber('三十五点六'), 35.6);
  assert.equal(parseNumber('一九四九'), 1949);
  assert.equal(parseNumber('八千一百九十九万'), 81990000);
});

test('decades and centuries are dates, not counts of years', () => {
  const figs = extractFigures('20世纪60年代以来，枫桥形成了经验，90年代推广到全省，持续了30年，调解纠纷1200件。');
  assert.deepEqual(figs.map((f) => f.text), ['30年', '1200件']);
});

test('a figure subject longer than its limit is cut between words, never inside one (街道通过… is not 道通过…)', () => {
  const text = '街道通过社区基金会筹集资金320万元，用于支持居民自治项目。';
  const f = extractFigures(text, normaliseForIndex(text)).find((x) => x.text === '320万元');
  assert.equal(f?.subject, '通过社区基金会筹集资金');
});
