import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMd } from './md.js';

const MD = `---
title: 前言标题
date: 2023-05-06
author: 张三、李四
---
# 宝山区社区治理

宝山区坚持**党建引领**，推动[共建共治共享](https://example.com)。

- 人民信箱
- 议事厅 \`code\`

> 引用的一句话。

| 指标 | 数值 |
|---|---|
| 人口 | 93.6万 |

![图](a.png)
\`\`\`
代码块保留
\`\`\`
`;

test('front matter gives title, date and authors; markdown syntax is stripped', () => {
  const r = parseMd(Buffer.from(MD), 'a.md');
  assert.equal(r.title, '前言标题');
  assert.deepEqual(r.source, { authors: ['张三', '李四'], publishedAt: '2023-05-06' });
  assert.match(r.text, /^宝山区社区治理\n\n宝山区坚持党建引领，推动共建共治共享。\n\n人民信箱\n议事厅 code/);
  assert.match(r.text, /引用的一句话。/);
  assert.match(r.text, /人口 93\.6万/);
  assert.match(r.text, /代码块保留/);
  assert.doesNotMatch(r.text, /[*#[\]`|>]|https?:|---/);
});

test('title comes from the first # heading without front matter', () => {
  const r = parseMd(Buffer.from('intro line\n\n# 第一标题\n\n## 小节\n正文。'), 'b.md');
  assert.equal(r.title, '第一标题');
});
