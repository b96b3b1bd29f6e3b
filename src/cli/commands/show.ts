import type { Command } from 'commander';
import { CliError, printJson, withLibrary } from '../context.js';

export function registerShow(program: Command): void {
  program.command('show <id>')
    .description('显示一篇文档及其分析')
    .option('--json', '输出完整 JSON（文档与全部分析）')
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      await withLibrary(cmd, async (lib) => {
        const d = await lib.getDocument(id);
        if (!d) throw new CliError(`文档不存在：${id}`);
        if (o.json) return printJson(d);
        const { latestOffline } = await import('../../domain/latest-analysis.js');
        const a = latestOffline(d.analyses) ?? {};
        const src = [d.source.publisher, d.source.authors?.join('、'), d.source.publishedAt, d.source.docNumber, d.source.url].filter(Boolean).join(' · ');
        const out: string[] = [
          d.title,
          '='.repeat(Math.min(40, d.title.length * 2)),
          `编号：${d.id}`,
          `类别：${d.category}`,
          `来源：${src || '（未填写）'}`,
          `创建：${d.createdAt}`,
          ...(d.tags.length ? [`标签：${d.tags.join('、')}`] : []),
          '',
          '【摘要】',
          ...(a.summary?.map((s) => `  ${s.text}`) ?? ['  （无）']),
          '',
          `【关键词】${a.keywords?.slice(0, 12).map((k) => k.term).join('、') || '（无）'}`,
          `【主题】${a.themes?.map((t) => `${t.name}（${t.score.toFixed(2)}）`).join('、') || '（无）'}`,
          `【地区】${a.regions?.map((r) => r.path.map((p) => p.name).join(' › ') || r.name).join('；') || '（无）'}`,
        ];
        const extra = d.analyses.filter((x) => x.text);
        if (extra.length) out.push('', `【其他分析】${extra.length} 份：${extra.map((x) => `${x.producer} v${x.version}`).join('、')}`);
        process.stdout.write(out.join('\n') + '\n');
      });
    });
}
