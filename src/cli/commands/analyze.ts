import type { Command } from 'commander';
import { CliError, printJson } from '../context.js';

/** Standard input in whatever encoding it comes (a GBK file piped in, as a file is detected). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  if (!bytes.length) return '';
  const { decodeText } = await import('../../ingest/encoding.js');
  const { IngestError } = await import('../../ingest/errors.js');
  try {
    return decodeText(bytes, '标准输入').text;
  } catch (e) {
    if (e instanceof IngestError) throw new CliError(e.message);
    throw e;
  }
}

/** Text and title of the input: a file in any supported format (first document of a batch), or stdin. */
async function readInput(file: string, title?: string): Promise<{ title: string; text: string }> {
  const { cleanText } = await import('../../text/normalise.js');
  const { guessTitle } = await import('../../library/library.js');
  if (file === '-') {
    const text = cleanText(await readStdin());
    if (!text) throw new CliError('标准输入为空：请通过管道传入要分析的文字');
    return { title: title ?? guessTitle(text), text };
  }
  const { parsePath } = await import('../../ingest/parse.js');
  const { docs, errors } = await parsePath(file, {});
  if (!docs.length) throw new CliError(errors[0]?.message ?? `没有从 ${file} 读出文字`);
  const text = cleanText(docs[0].text);
  return { title: title ?? (docs[0].title?.trim() || guessTitle(text)), text };
}

export function registerAnalyze(program: Command): void {
  program.command('analyze <file>')
    .description('分析一份文件或标准输入（用 - 表示）的文字，输出分析结果 JSON；不写入文库')
    .option('--title <title>', '标题（默认取自文件或正文首句）')
    .option('--compact', '单行 JSON')
    .action(async (file: string, o: { title?: string; compact?: boolean }) => {
      const input = await readInput(file, o.title);
      const { analyze } = await import('../../text/analyze.js');
      const result = analyze(input.text, { title: input.title });
      if (o.compact) process.stdout.write(JSON.stringify(result) + '\n');
      else printJson(result);
    });
}
