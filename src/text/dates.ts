// Dates as sources write them (2021年5月1日, 2021/5/1, 20210501, 2024), in the forms SourceSchema stores.

/** Normalises a date-like string to YYYY-MM-DD, YYYY-MM or YYYY (SourceSchema's forms); undefined if none. */
export function normaliseDate(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const s = String(v).trim();
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return m[1];
    const d = m[3] ? Number(m[3]) : undefined;
    return `${m[1]}-${String(mo).padStart(2, '0')}${d && d <= 31 ? `-${String(d).padStart(2, '0')}` : ''}`;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const y = /^(\d{4})\s*年?$/.exec(s);
  return y ? y[1] : undefined;
}
