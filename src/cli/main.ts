#!/usr/bin/env node
// The `zhizhi` command line. Run with `npx zhizhi …`, `npm run zhizhi -- …` or `node --import tsx src/cli/main.ts …`.
import { Command, CommanderError } from 'commander';
import { CliError } from './context.js';
import { registerServe } from './commands/serve.js';
import { registerImport } from './commands/import.js';
import { registerList } from './commands/list.js';
import { registerShow } from './commands/show.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerSearch } from './commands/search.js';
import { registerExport } from './commands/export.js';
import { registerBackup, registerRestore } from './commands/backup.js';
import { registerUserCommands } from './commands/user.js';
import { registerReindex } from './commands/reindex.js';

/** Commander's own messages are English; users read Chinese. */
const COMMANDER_MESSAGES: [RegExp, string][] = [
  [/^error: missing required argument '(.+)'/m, '错误：缺少参数 $1'],
  [/^error: unknown command '(.+)'/m, '错误：未知命令 $1'],
  [/^error: unknown option '(.+)'/m, '错误：未知选项 $1'],
  [/^error: too many arguments.*/m, '错误：参数过多'],
  [/^error: option '(.+)' argument missing/m, '错误：选项 $1 缺少取值'],
];

export function translateCommanderError(str: string): string {
  for (const [re, zh] of COMMANDER_MESSAGES) if (re.test(str)) return str.replace(re, zh);
  return str;
}

export function buildProgram(): Command {
  const program = new Command('zhizhi')
    .description('治知 Zhizhi — 社会治理研究知识库')
    .version('0.1.0', '-V, --version', '显示版本')
    .helpOption('-h, --help', '显示帮助')
    .option('--data-dir <dir>', '数据目录（默认 ZHIZHI_DATA_DIR 或 ./data）')
    .showHelpAfterError('（用 --help 查看用法）')
    .configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
  program.addHelpCommand('help [command]', '显示某个命令的帮助');
  registerServe(program);
  registerImport(program);
  registerReindex(program);
  registerList(program);
  registerShow(program);
  registerAnalyze(program);
  registerSearch(program);
  registerExport(program);
  registerBackup(program);
  registerRestore(program);
  registerUserCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    if (e instanceof CliError) {
      process.stderr.write(`错误：${e.message}\n`);
      process.exit(e.exitCode);
    }
    const msg = (e as Error)?.message ?? String(e);
    // Library and ingest errors carry Chinese messages for users; anything else is a bug: show the stack.
    process.stderr.write(/[\u4e00-\u9fff]/.test(msg) ? `错误：${msg}\n` : `内部错误：${(e as Error)?.stack ?? msg}\n`);
    process.exit(1);
  }
}

await main(process.argv);
