// Governance prose used by tests (written for this project): a paragraph of a few hundred characters and a ~10-character one.
export const PARAGRAPH =
  '宝山区坚持党建引领基层治理，推动共建共治共享的社会治理格局不断完善。近年来，全区以“人民信箱”和社区议事厅为平台，' +
  '畅通群众诉求表达渠道，建立了“接诉即办”的快速响应机制，群众来信在24小时内得到回应。各街道镇依托社区治理学院，' +
  '培训居委会干部和社区志愿者，提升基层组织的协商议事能力。在网格化管理的基础上，区里推行“一网统管”，' +
  '将矛盾纠纷化解、物业管理、养老服务等事项纳入统一平台，实现问题发现、派单、处置、反馈的闭环管理。' +
  '截至去年底，全区实有人口93.6万，注册志愿者超过20万人，居民满意度持续提升，形成了可复制、可推广的经验做法。';
export const SHORT = '社区治理创新实践经验';

/** A news page with nav, header, footer, a script and a style around the article. */
export const ARTICLE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>宝山区社区治理 - 上海发布</title>
<meta property="og:site_name" content="上海发布"><meta name="author" content="张三"><meta name="PubDate" content="2023-05-06 10:00">
<script>document.title = 'hacked'; globalThis.__pwned = true;</script><style>p{color:red}</style></head>
<body><nav><a href="/">首页</a> | <a href="/news">新闻中心</a> | <a href="/login">登录</a></nav><header>上海发布 网站导航 无障碍浏览</header>
<article><h1>宝山区社区治理</h1><p>宝山区坚持党建引领基层治理，推动共建共治共享的社会治理格局不断完善。近年来，全区以“人民信箱”和社区议事厅为平台，畅通群众诉求表达渠道。</p>
<p>各街道镇依托社区治理学院，培训居委会干部和社区志愿者，提升基层组织的协商议事能力。在网格化管理的基础上，区里推行“一网统管”。</p>
<p>截至去年底，全区实有人口93.6万，注册志愿者超过20万人，<br>居民满意度持续提升。</p></article>
<footer>版权所有 © 上海市人民政府 沪ICP备00000000号 联系我们 网站地图</footer></body></html>`;
