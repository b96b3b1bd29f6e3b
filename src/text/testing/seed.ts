// Test helper: the seed entry (../shared/seed beside the project, never copied into the repo) split into
// its three analyses. Format: a header line, analysis 1, a line `实践案例 <timestamp>`, analyses 2 and 3.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_PATH = process.env.ZHIZHI_SEED_PATH ?? fileURLToPath(new URL('../../../../shared/seed/000_d980024bf8c34fc9.txt', import.meta.url));

export interface SeedParts {
  whole: string;
  header: string;
  /** The first analysis (the golden test's text). */
  first: string;
  /** Analyses 2 and 3 (everything after the category/timestamp line). */
  rest: string;
  category: string;
  timestamp: string;
}

export function readSeed(): SeedParts {
  const whole = readFileSync(SEED_PATH, 'utf8');
  const lines = whole.split('\n');
  const marker = lines.findIndex((l) => /^实践案例 \d{4}-\d{2}-\d{2} /.test(l));
  if (marker < 0) throw new Error('种子文件格式不符 (seed format): no category line');
  const [category, ...ts] = lines[marker].split(' ');
  return {
    whole,
    header: lines[0].trim(),
    first: lines.slice(1, marker).join('\n').trim(),
    rest: lines.slice(marker + 1).join('\n').trim(),
    category,
    timestamp: ts.join(' '),
  };
}
