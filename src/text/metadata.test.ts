import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metadataFromText } from './metadata.js';

describe('metadataFromText', () => {
  it('reads the 文号 under the title and the 成文日期 line that closes an official document', () => {
    const policy = ['国务院办公厅关于加强基层治理的意见', '国办发〔2021〕12号', '各省、自治区、直辖市人民政府：', '为了……，2019年以来……', '一、总体要求', '……',
      '国务院办公厅', '2021年5月1日', '（此件公开发布）'].join('\n');
    assert.deepEqual(metadataFromText(policy), { publishedAt: '2021-05-01', docNumber: '国办发〔2021〕12号' });
  });

  it('reads dates written in Chinese numerals and 文号 in square or round brackets', () => {
    const notice = ['关于印发某办法的通知', '沪府办发[2020]3号', '各区人民政府：', '现将……印发给你们。', '上海市人民政府办公厅', '二〇二〇年三月十二日'].join('\n');
    assert.deepEqual(metadataFromText(notice), { publishedAt: '2020-03-12', docNumber: '沪府办发[2020]3号' });
    assert.equal(metadataFromText('通知\n京政发（2019）5号\n正文').docNumber, '京政发（2019）5号');
    assert.equal(metadataFromText('正文\n二〇一九年十二月三十一日').publishedAt, '2019-12-31');
  });

  it('reads a labelled date and a news dateline near the top', () => {
    assert.equal(metadataFromText('标题\n发布日期：2023年07月08日\n正文').publishedAt, '2023-07-08');
    assert.equal(metadataFromText('宝山区推进社区治理\n2024-10-29 15:05 来源：上海发布\n正文……').publishedAt, '2024-10-29');
  });

  it('takes no date merely mentioned in the body, no meeting date and no 文号 cited inside a sentence', () => {
    assert.deepEqual(metadataFromText('2019年以来，宝山区推进社区治理，截至2023年12月31日，共有93.6万居村民实名注册。'), {});
    assert.deepEqual(metadataFromText('会议时间：2023年5月1日\n会议纪要'), {});
    assert.deepEqual(metadataFromText('标题\n根据《意见》（国发〔2019〕5号）精神，结合本区实际，制定本方案。'), {});
    assert.deepEqual(metadataFromText('标题\n2021年13月45日\n正文'), {}, 'an impossible date is no date');
  });
});
