// Mirrors DEFAULT_CATEGORIES in src/domain/document.ts (a value import would pull zod into the bundle).
export const DEFAULT_CATEGORIES = ['实践案例', '政策文件', '新闻报道', '研究文献', '调研报告', '数据资料', '其他'] as const;

export const CATEGORY_COLORS: Record<string, string> = {
  实践案例: 'red', 政策文件: 'gold', 新闻报道: 'blue', 研究文献: 'purple', 调研报告: 'green', 数据资料: 'cyan', 其他: 'default',
};

export function categoryColor(c: string): string { return CATEGORY_COLORS[c] ?? 'default'; }

/** 2026-11-28T12:00:00.000000Z → 2026-11-28 */
export function day(iso: string | undefined | null): string { return iso ? iso.slice(0, 10) : ''; }
