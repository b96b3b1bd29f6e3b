import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metadataFromText } from './metadata.js';

describe('metadataFromText', () => {
  it('reads the 文号 under the title and the 成文日期 line that closes an official document', () => {
    const policy = ['国务院办公厅关于加强基层治理的意见', '国办发〔2021〕12号', '各省、自治区、直辖市人民政府：', '为了……，2019年以来……', '一、总体要求', '……',
      '国务院办公厅', '2021年5月1日', '（此件公开发布）'].join('\n');
    assert.deepEqual(metadataFromText(policy), { publishedAt: '2021-05-01', docNumber: '国办发〔2021〕12号', issuer: '国务院办公厅' });
  });

  it('reads dates written in Chinese numerals and 文号 in square or round brackets', () => {
    const notice = ['关于印发某办法的通知', '沪府办发[2020]3号', '各区人民政府：', '现将……印发给你们。', '上海市人民政府办公厅', '二〇二〇年三月十二日'].join('\n');
    assert.deepEqual(metadataFromText(notice), { publishedAt: '2020-03-12', docNumber: '沪府办发[2020]3号', issuer: '上海市人民政府办公厅' });
    assert.equal(metadataFromText('通知\n京政发（2019）5号\n正文').docNumber, '京政发（2019）5号');
    assert.equal(metadataFromText('正文\n某区人民政府\n二〇一九年十二月三十一日').publishedAt, '2019-12-31');
    assert.equal(metadataFromText('正文\n某区人民政府\n二○一九年十二月三十一日').publishedAt, '2019-12-31', '○ as zero, as typed documents write it');
    assert.equal(metadataFromText('正文\n某区人民政府\n２０１９年１２月３１日').publishedAt, '2019-12-31', 'full-width digits');
  });

  it('reads the date line of a speech or report under its title, in any digits, and no such date further down', () => {
    const report = '2002年政府工作报告\u3000\u3000——2002年3月5日在第九届全国人民代表大会第五次会议上\n\n\u3000国务院总理\u3000各位代表：现在，我代表国务院向大会作政府工作报告。';
    assert.equal(metadataFromText(report).publishedAt, '2002-03-05');
    assert.equal(metadataFromText('1992年政府工作报告——１９９２年３月２０日在第七届全国人民代表大会第五次会议上\u3000各位代表：').publishedAt, '1992-03-20');
    assert.equal(metadataFromText('1984年政府工作报告－－1984年5月15日在第六届全国人民代表大会第二次会议上').publishedAt, '1984-05-15', 'full-width dashes');
    assert.equal(metadataFromText('关于第一个五年计划的报告——1955年7月5日至6日在第一届全国人民代表大会第二次会议上').publishedAt, '1955-07-05', 'a meeting over two days');
    const later = `各位代表：${'过去一年工作回顾。'.repeat(40)}正如——2019年3月5日在会议上所说。`;
    assert.equal(metadataFromText(later).publishedAt, undefined, 'only under the title');
    for (const t of ['- 2020年3月5日在居民议事会上通过了公约。', '2018年-2020年3月5日在社区座谈会上发言。']) assert.equal(metadataFromText(t).publishedAt, undefined, t);
  });

  it('reads a labelled date and a news dateline near the top', () => {
    assert.equal(metadataFromText('标题\n发布日期：2023年07月08日\n正文').publishedAt, '2023-07-08');
    assert.equal(metadataFromText('宝山区推进社区治理\n2024-10-29 15:05 来源：上海发布\n正文……').publishedAt, '2024-10-29');
  });

  it('takes no date merely mentioned (body, event times, attachment tables, related news, future dates) and no 文号 cited inside a sentence', () => {
    assert.deepEqual(metadataFromText('2019年以来，宝山区推进社区治理，截至2023年12月31日，共有93.6万居村民实名注册。'), {});
    assert.deepEqual(metadataFromText('会议时间：2023年5月1日\n会议纪要'), {});
    assert.deepEqual(metadataFromText('标题\n根据《意见》（国发〔2019〕5号）精神，结合本区实际，制定本方案。'), {});
    assert.deepEqual(metadataFromText('标题\n2021年13月45日\n正文'), {}, 'an impossible date is no date');
    const now = new Date('2026-11-29T00:00:00Z');
    const cases: [string, string | undefined][] = [
      // A labelled date must start its line; 成绩公布时间 is an event, the closing date is the notice's.
      ['社区工作者招聘公告\n考试安排：成绩公布时间：2023年7月25日\n……\n某街道办事处\n2023年6月20日', '2023-06-20'],
      ['各项措施的政策发布时间：各项措施将在2025年3月1日前出台。', undefined],
      // The last row of an attachment table, a related-news list and a chronology are not closing dates.
      ['某区实施方案\n……\n附件：任务清单\n完成排查 | 2022年12月31日\n2022年12月31日', undefined],
      ['宝山区推进社区治理\n2024-10-29 15:05 来源：上海发布\n正文……\n相关新闻\n某区召开会议\n2024-10-18', '2024-10-29'],
      ['调研时间：2022年8月3日 9:00—17:00\n调研地点：某社区', undefined],
      ['2023年4月23日，我区开展全民阅读活动，居民踊跃参加。', undefined],
      ['通知\n发布日期：2027年1月1日', undefined],
    ];
    for (const [text, date] of cases) assert.equal(metadataFromText(text, now).publishedAt, date, text.slice(0, 20));
  });
});
