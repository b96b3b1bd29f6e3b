let last = 0n;
/**
 * Current time as ISO 8601 with microseconds (2024-10-29T15:05:37.450468Z), strictly increasing within
 * the process so that ordering by timestamp is stable.
 */
export function nowIso(): string {
  const ns = process.hrtime.bigint();
  let us = BigInt(Date.now()) * 1000n + ((ns / 1000n) % 1000n);
  if (us <= last) us = last + 1n;
  last = us;
  const ms = Number(us / 1000n);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = (us % 1_000_000n).toString().padStart(6, '0');
  return `${base}.${frac}Z`;
}
