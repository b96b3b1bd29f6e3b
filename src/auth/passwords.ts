import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((res, rej) => scryptCb(pw, salt, len, opts, (e, k) => (e ? rej(e) : res(k))));

/** scrypt cost: N=2^15, r=8 uses 32 MiB per hash — memory-hard, about 50–100 ms on a laptop core. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEY_LEN = 32;

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64), so cost parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const N = Number(n), R = Number(r), P = Number(p);
  const expected = Buffer.from(key, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Minimum password rules, with a Chinese reason when a password is refused. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return '密码至少 8 个字符';
  if (pw.length > 256) return '密码过长（最多 256 个字符）';
  return null;
}
