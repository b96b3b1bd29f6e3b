import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse';
import { decodeText } from '../encoding.js';
import { ingestError, IngestError } from '../errors.js';
import type { FieldMapping, ParseOutcome } from '../types.js';
import { resolveMapping, rowToDocument } from './rows.js';

/** The delimiter used most on the header line among , ; tab and |. */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') >>> 0 || text.length);
  let best = ',', n = -1;
  for (const d of [',', '\t', ';', '|']) {
    const c = header.split(d).length - 1;
    if (c > n) { best = d; n = c; }
  }
  return best;
}

/**
 * Row items are `${file}#${row}` with the row number Excel and WPS show (header = 1): a cell's line breaks
 * stay inside its row there, so they are not counted as rows (a text editor would count them as lines).
 * A CSV/TSV batch (any detected encoding, e.g. GBK from Excel): header row, then one document per row.
 * Broken rows become BAD_CSV errors and the rest go on; rows without text become MISSING_TEXT_FIELD.
 */
export function parseCsv(bytes: Buffer, file: string, mapping?: FieldMapping, category?: string): ParseOutcome {
  const { text } = decodeText(bytes, file);
  if (!text.trim()) throw ingestError('EMPTY_FILE', file, { whitespace: true });
  const errors: IngestError[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number; records: number } }>;
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, relax_column_count: true, relax_quotes: true, bom: true,
      delimiter: guessDelimiter(text), info: true, skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        const line = (err as { lines?: number } | undefined)?.lines;
        errors.push(ingestError('BAD_CSV', `${file}#${line ?? '?'}`, { reason: `第 ${line ?? '?'} 行${err?.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号没有闭合' : '无法解析'}` }));
        return undefined;
      },
    }) as unknown as typeof records;
  } catch (e) {
    throw ingestError('BAD_CSV', file, { reason: (e as CsvError)?.code === 'CSV_QUOTE_NOT_CLOSED' ? '引号没有闭合' : '无法解析表头' });
  }
  if (!records.length && !errors.length) throw ingestError('BAD_CSV', file, { reason: '只有表头、没有数据行' });
  const keys = resolveMapping(Object.keys(records[0]?.record ?? {}), mapping);
  const docs = [];
  let breaks = 0;
  for (let i = 0; i < records.length; i++) {
    // info.lines is the file line where the record ends: less the line breaks inside this and earlier records' cells.
    breaks += Object.values(records[i].record).reduce((n, v) => n + (String(v).match(/\n/g)?.length ?? 0), 0);
    const r = rowToDocument(records[i].record, keys, file, records[i].info.lines - breaks, 'csv', category);
    if (r instanceof IngestError) errors.push(r); else docs.push(r);
  }
  return { docs, errors };
}
