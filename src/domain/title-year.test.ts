import assert from 'node:assert/strict';
import { test } from 'node:test';
import { titleYear } from './title-year.js';

test('a title\'s one stated year is the year of an undated document; several years or a span are none', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  assert.equal(titleYear('2008年国务院政府工作报告', now), 2008);
  assert.equal(titleYear('关于做好２０２４年春节期间社区服务的通知', now), 2024, 'full-width digits');
  assert.equal(titleYear('2023 年度社区工作总结', now), 2023);
  assert.equal(titleYear('中国城乡基层群众自治与社区治理大事记（1980—2023）', now), null, 'a span');
  assert.equal(titleYear('“十四五”规划（2021-2025年）', now), null, 'a span ending in 年');
  assert.equal(titleYear('2019年与2020年社区治理对比', now), null, 'two years');
  assert.equal(titleYear('纪念1978年改革开放四十周年座谈会', now), null, 'looking back');
  assert.equal(titleYear('1998年以来的社区建设回顾', now), null);
  assert.equal(titleYear('关于到2020年基本实现社区治理现代化的意见', now), null, 'a target year');
  assert.equal(titleYear('截至2023年底社区工作统计', now), 2023, 'a year reported up to');
  assert.equal(titleYear('宝山区社区治理报告', now), null);
  assert.equal(titleYear('NACA0012年度测试', now), null, 'digits inside a longer number');
  assert.equal(titleYear('3000年的城市', now), null, 'not a year yet');
  assert.equal(titleYear(undefined, now), null);
});
