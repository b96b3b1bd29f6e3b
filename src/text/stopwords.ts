// Stopwords for keyword extraction, written for Zhizhi: function words, report/abstract boilerplate, and
// generic nouns that are fine inside a compound (管理方法) but never a keyword on their own (方法).

const FUNCTION_WORDS = `的 了 和 与 及 以及 或 或者 并 并且 而 而且 但 但是 也 还 又 都 就 即 则 却 在 于 对 对于 从 自 向 把 被 将
为 为了 因为 所以 由于 因此 因而 从而 进而 以便 以免 如果 若 虽然 尽管 不仅 而是 只有 只要 无论 不论 还是 即使 这 那 这些 那些
这个 那个 这种 那种 这样 那样 其 其中 之 之一 之间 各 每 该 此 本 某 等 等等 们 我 我们 你 你们 他 他们 她 它 它们 自己 大家
是 有 没有 无 不 没 非 很 较 更 最 极 非常 比较 十分 已 已经 曾 曾经 正在 将要 可 可以 能 能够 会 应 应该 应当 须 必须 需要
要 得 地 着 过 一 一个 一种 一些 一定 一直 一般 一方面 另一方面 同时 此外 另外 然后 首先 其次 最后 再次 通过 根据 按照 依据
基于 利用 采用 使用 运用 进行 开展 实现 提出 提供 具有 存在 包括 作为 成为 得到 取得 获得 达到 属于 认为 表明 显示 发现
说明 指出 给出 引起 导致 造成 形成 产生 加以 予以 给予 以 所 个 种 次 项 条 位 上 下 中 内 外 前 后 里 间 时 后来 目前 当前
现在 今后 近年来 近年 随着 围绕 针对 关于 有关 相关 一系列 各类 各种 多种 不同 主要 重要 有效 进一步 不断 逐步 全面 充分
积极 大力 切实 深入 持续 总体 整体 基本 具体 有关部门 本文 文章 论文 文中 本研究 作者 我国 可能 基础上 过程中`;

export const STOPWORDS: ReadonlySet<string> = new Set(FUNCTION_WORDS.split(/\s+/).filter(Boolean));

/** Generic nouns and academic boilerplate: may sit inside a compound keyword, never alone. */
export const GENERIC_ALONE: ReadonlySet<string> = new Set(
  `方面 情况 问题 方法 结果 过程 作用 效果 目的 意义 基础 条件 因素 水平 程度 内容 方式 手段 措施 领域 途径 工作 现状 特点
特征 关系 数据 模型 系统 技术 理论 原理 结构 性能 设计 应用 发展 建设 方案 策略 思路 对策 建议 能力 要求 需求 研究 分析
探讨 讨论 试验 实验 对比 比较 国内 国外 中国 研究者 学者 高 低 大 小 好 新 多 少`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that end a phrase but never start or sit inside a keyword compound (function words proper). */
export function isStopword(w: string): boolean {
  return STOPWORDS.has(w);
}
