// General Chinese function words and question boilerplate, dropped from free-text queries so long
// natural-language questions keep only the words that carry meaning. Not tuned to any data set.
import { normaliseForIndex } from '../text/normalise.js';

const WORDS = `
的 了 着 过 地 得 之 所 和 与 及 以及 或 或者 而 而且 并 并且 但 但是 却 则 即 就 也 还 又 再 都 只 才 很 太 更 最 非常
在 于 对 对于 把 被 给 让 向 从 自 由 为 为了 因 因为 所以 因此 如果 假如 若 虽然 即使 只要 只有 除了 关于 按照 根据 通过 经过 随着 以 以便
是 不是 有 没有 没 不 无 非 要 会 能 能够 可 可以 可能 应 应该 应当 需要 须 必须 得到 进行 加以 予以 作出 做出 使 使得 导致
我 我们 你 你们 您 他 他们 她 她们 它 它们 自己 本人 咱 咱们 人家 别人 大家 某 某某 某人 其 其他 其它 该 此 这 那 这个 那个 这些 那些 这样 那样 这种 那种 这里 那里 这么 那么
什么 怎么 怎样 怎么样 如何 为何 为什么 哪 哪些 哪个 哪里 几 多少 谁 吗 呢 吧 啊 呀 嘛 哦 么 呗 啦
请问 请教 咨询 想问 问一下 问问 一下 请 谢谢 您好 你好 是否 能否 可否 可不可以 能不能 会不会 是不是 有没有 算不算 行不行 怎么办 咋办 怎么处理 如何处理 怎么算 如何认定
一个 一些 一种 一样 一直 一定 已经 已 曾 曾经 正在 将 将要 刚 刚刚 才能 之后 以后 之前 以前 时候 时 后 前 中 内 上 下 里 个 们 等 等等 方面 问题 情况 现在 目前 当时 然后 如此 比如 例如 还是 还有 另外 同时
`;

/**
 * Colloquial adverbs, hedges and verbs of opinion (只是, 特别, 其实, 觉得): noise in a resident's long
 * question, but part of a term in a keyword query (特别重大, 比较研究, 希望工程), so dropped from questions only.
 */
const FILLERS = `
只是 就是 也是 都是 而是 不过 可是 然而 不仅 甚至 尤其 特别 特别是 十分 相当 比较 较 挺 蛮 有点 有些 稍微 几乎 差不多 大约 大概 也许 或许 似乎 好像 仿佛 其实 确实 的确 真的 果然 竟然 居然 到底 究竟 难道 本来 原来 总是 经常 常常 往往 通常 一般 仍然 依然 始终 从来 马上 立刻 突然 渐渐 逐渐 终于 一起 一边 的话 之类 而已 罢了 不能 不会 不要 不用 不必 不得不 不想 想要 希望 觉得 感觉 以为 认为 知道 告诉 听说 发现
`;

// Stored in index normal form too: character-level conversion maps some simplified characters (么 → 幺).
export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean).flatMap((w) => [w, normaliseForIndex(w)]));

const FILLER_SET: ReadonlySet<string> = new Set(FILLERS.split(/\s+/).filter(Boolean).flatMap((w) => [w, normaliseForIndex(w)]));

export function isStopword(w: string): boolean {
  return STOPWORDS.has(w);
}

/** A word dropped from long natural-language questions only (see FILLERS). */
export function isFiller(w: string): boolean {
  return FILLER_SET.has(w);
}
