import type { Command } from 'commander';
import { CliError, dataDirOf } from '../context.js';

interface ServeOptions { port?: string; host?: string; demo: boolean }

export function registerServe(program: Command): void {
  program.command('serve')
    .description('启动网页界面与 HTTP API（文库为空时自动载入演示文档）')
    .option('--port <n>', '端口（默认 PORT 或 3000；0 表示任选空闲端口）')
    .option('--host <addr>', '监听地址（默认 HOST 或 127.0.0.1；其他地址会开启团队模式，需要登录）')
    .option('--no-demo', '文库为空时不载入演示文档（也可设 ZHIZHI_DEMO=0）')
    .action(async (o: ServeOptions, cmd: Command) => {
      const port = Number(o.port ?? process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`端口无效：${o.port ?? process.env.PORT}`);
      const host = o.host ?? process.env.HOST ?? '127.0.0.1';
      const dataDir = dataDirOf(cmd);
      // The server loads the demo through loadDemoIfEmpty, which honours ZHIZHI_DEMO=0.
      if (!o.demo) process.env.ZHIZHI_DEMO = '0';
      // Loaded on demand: the server pulls in Fastify and every route, seconds of start-up other commands skip.
      const { startServer } = await import('../../server/app.js');
      const server = await startServer({ host, port, dataDir, handleSignals: false });
      const shown = server.url.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://127.0.0.1:');
      process.stdout.write(`治知已启动：${shown} \n数据目录：${dataDir}\n按 Ctrl+C 停止\n`);
      let closingAt = 0;
      const stop = (sig: string) => {
        // A second signal forces the exit; one within a second is the same Ctrl+C reaching us twice
        // (from the terminal and forwarded by scripts/start.mjs).
        if (closingAt) {
          if (Date.now() - closingAt > 1000) process.exit(1);
          return;
        }
        closingAt = Date.now();
        process.stderr.write(`\n收到 ${sig}，正在停止…\n`);
        server.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
