// The year a title states (2008年国务院政府工作报告), for documents that carry no publication date. Pure and
// dependency-free: the server files such a document under that year, and the web UI says where it came from.

/**
 * The one year a title names as a year (四位数字 + 年, 1900 to next year), or null: none, several
 * (2019年与2020年对比), a span (1980—2023, 2021-2025年), which is no single year to file it under, or a
 * title looking back (纪念1978年改革开放四十周年, 回顾, 以来), whose year is not when it was written.
 */
export function titleYear(title: string | undefined, now = new Date()): number | null {
  if (!title || /周年|纪念|回顾|以来|历程|大事记/.test(title)) return null;
  const t = title.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/(?<!\d)\d{4}\s*年?\s*[-—–~～至到]\s*\d{4}(?!\d)/.test(t)) return null;
  // A year one works towards (到2020年, 至2035年) is a target, not when the document was written.
  if (/(?<!截)[到至]\s*\d{4}\s*年/.test(t)) return null;
  const years = new Set([...t.matchAll(/(?<!\d)(\d{4})(?=\s*年)/g)].map((m) => Number(m[1])));
  if (years.size !== 1) return null;
  const [year] = years;
  return year >= 1900 && year <= now.getFullYear() + 1 ? year : null;
}
