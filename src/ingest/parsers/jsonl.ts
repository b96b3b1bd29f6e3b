import { decodeText } from '../encoding.js';
import { ingestError, IngestError } from '../errors.js';
import type { FieldMapping, ParseOutcome, ParsedDocument } from '../types.js';
import { resolveMapping, rowToDocument } from './rows.js';

/**
 * A JSONL batch, one object per line (a .json file holding an array of objects is accepted too).
 * Invalid lines become BAD_JSONL_LINE, objects without text MISSING_TEXT_FIELD; the rest go on.
 */
export function parseJsonl(bytes: Buffer, file: string, mapping?: FieldMapping, category?: string): ParseOutcome {
  const { text } = decodeText(bytes, file);
  if (!text.trim()) throw ingestError('EMPTY_FILE', file, { whitespace: true });
  const rows: Array<{ line: number; value: unknown }> = [];
  const errors: IngestError[] = [];
  const trimmed = text.trimStart();
  let asArray: unknown[] | undefined;
  if (trimmed.startsWith('[')) {
    try { asArray = JSON.parse(trimmed) as unknown[]; } catch { asArray = undefined; }
  }
  if (Array.isArray(asArray)) {
    asArray.forEach((value, i) => rows.push({ line: i + 1, value }));
  } else {
    text.split('\n').forEach((l, i) => {
      if (!l.trim()) return;
      try {
        rows.push({ line: i + 1, value: JSON.parse(l) });
      } catch {
        errors.push(ingestError('BAD_JSONL_LINE', `${file}#${i + 1}`, { line: i + 1 }));
      }
    });
  }
  const objects = rows.filter((r) => {
    const ok = r.value !== null && typeof r.value === 'object' && !Array.isArray(r.value);
    if (!ok) errors.push(ingestError('BAD_JSONL_LINE', `${file}#${r.line}`, { line: r.line }));
    return ok;
  }) as Array<{ line: number; value: Record<string, unknown> }>;
  const docs: ParsedDocument[] = [];
  for (const o of objects) {
    // Keys may differ from line to line (merged exports): resolve the mapping per object.
    const r = rowToDocument(o.value, resolveMapping(Object.keys(o.value), mapping), file, o.line, 'jsonl', category);
    if (r instanceof IngestError) errors.push(r); else docs.push(r);
  }
  errors.sort((a, b) => lineOf(a) - lineOf(b));
  return { docs, errors };
}

function lineOf(e: IngestError): number {
  return Number(/#(\d+)$/.exec(e.item ?? '')?.[1] ?? 0);
}
