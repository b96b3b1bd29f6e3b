import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseDate } from './dates.js';

const now = new Date('2026-11-29T12:00:00Z');

test('normaliseDate reads the ways sources write a date, Chinese numerals included', () => {
  assert.equal(normaliseDate('2021年5月1日', now), '2021-05-01');
  assert.equal(normaliseDate('二〇二一年五月一日', now), '2021-05-01');
  assert.equal(normaliseDate('二○一九年十二月三十一日', now), '2019-12-31');
  assert.equal(normaliseDate('二〇二〇年三月', now), '2020-03');
  assert.equal(normaliseDate('2023-05-06T10:00:00Z', now), '2023-05-06');
  assert.equal(normaliseDate('20230506', now), '2023-05-06');
  assert.equal(normaliseDate('2023/5', now), '2023-05');
  assert.equal(normaliseDate('2023', now), '2023');
});

test('normaliseDate refuses impossible dates, words that are no date, and dates after today', () => {
  for (const v of ['2099-13-45', '2021-02-30', '2021-13', '去年', '昨天', '1066']) assert.equal(normaliseDate(v, now), undefined, v);
  assert.equal(normaliseDate('2030-01-01', now), undefined);
  assert.equal(normaliseDate('2027', now), undefined, 'a year that has not begun');
  assert.equal(normaliseDate('2026-12', now), undefined, 'a month that has not begun');
  assert.equal(normaliseDate('2026-11', now), '2026-11', 'the current month is no future');
  assert.equal(normaliseDate('2026', now), '2026');
});

test('normaliseDate reads full-width digits, a letter O for 〇, Chinese month and day after an Arabic year; tomorrow is not yet the future', () => {
  assert.equal(normaliseDate('１９９８年', now), '1998');
  assert.equal(normaliseDate('２０２１年５月１日', now), '2021-05-01');
  assert.equal(normaliseDate('二O二一年五月一日', now), '2021-05-01');
  assert.equal(normaliseDate('2021年五月一日', now), '2021-05-01');
  assert.equal(normaliseDate('2021年十二月三十一日', now), '2021-12-31');
  assert.equal(normaliseDate('2026-11-30', now), '2026-11-30', 'already today east of UTC');
  assert.equal(normaliseDate('2026-12-01', now), undefined);
});
