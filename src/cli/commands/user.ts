import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { AuthService } from '../../auth/auth-service.js';
import type { Role } from '../../domain/index.js';
import { ROLE_LABELS } from '../../domain/index.js';
import { openStore } from '../../store/open-store.js';

async function readPassword(): Promise<string> {
  if (process.env.ZHIZHI_PASSWORD) return process.env.ZHIZHI_PASSWORD;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split('\n')[0].trim();
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const pw = await rl.question('密码（至少 8 个字符）：');
  rl.close();
  return pw;
}

/** `zhizhi user add|list|passwd` and `zhizhi token create|revoke` — accounts for team mode. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('团队模式账户管理（首次运行：zhizhi user add --admin <用户名>）');
  user.command('add <username>')
    .description('创建用户；密码从 ZHIZHI_PASSWORD、标准输入或交互提示读取')
    .option('--admin', '管理员')
    .option('--role <role>', 'admin | editor | viewer（默认 viewer）')
    .option('--groups <list>', '所属分组，逗号分隔')
    .option('--name <displayName>', '显示名称')
    .action(async (username: string, o: { admin?: boolean; role?: Role; groups?: string; name?: string }) => {
      const role: Role = o.admin ? 'admin' : (o.role ?? 'viewer');
      if (!['admin', 'editor', 'viewer'].includes(role)) throw new Error(`未知角色：${role}（可选 admin、editor、viewer）`);
      const store = await openStore();
      try {
        const u = await new AuthService(store).createUser({ username, password: await readPassword(), role, displayName: o.name, groups: o.groups?.split(',').map((g) => g.trim()).filter(Boolean) });
        console.log(`已创建用户 ${u.username}（${ROLE_LABELS[u.role]}），id ${u.id}`);
      } finally { await store.close(); }
    });
  user.command('list').description('列出用户').action(async () => {
    const store = await openStore();
    try {
      for (const u of await store.listUsers()) console.log(`${u.id}\t${u.username}\t${ROLE_LABELS[u.role]}\t${u.groups.join(',')}${u.disabled ? '\t(已停用)' : ''}`);
    } finally { await store.close(); }
  });
  user.command('passwd <username>').description('重设密码').action(async (username: string) => {
    const store = await openStore();
    try {
      const found = await store.findUserByName(username);
      if (!found) throw new Error(`用户不存在：${username}`);
      await new AuthService(store).setPassword(found.user.id, await readPassword());
      console.log(`已重设 ${username} 的密码`);
    } finally { await store.close(); }
  });

  const token = program.command('token').description('API 令牌（供脚本使用；明文只显示一次）');
  token.command('create <username>')
    .option('--name <name>', '令牌名称', '命令行令牌')
    .option('--write', '读写令牌（默认只读）')
    .action(async (username: string, o: { name: string; write?: boolean }) => {
      const store = await openStore();
      try {
        const found = await store.findUserByName(username);
        if (!found) throw new Error(`用户不存在：${username}`);
        const { token: secret, info } = await new AuthService(store).createToken(found.user, o.name, o.write ? 'read-write' : 'read');
        console.error(`已创建令牌 ${info.id}（${info.scope === 'read' ? '只读' : '读写'}）。请立即保存，之后无法再次查看：`);
        console.log(secret);
      } finally { await store.close(); }
    });
  token.command('revoke <username> <tokenId>').action(async (username: string, id: string) => {
    const store = await openStore();
    try {
      const found = await store.findUserByName(username);
      if (!found) throw new Error(`用户不存在：${username}`);
      await new AuthService(store).revokeToken(found.user, id);
      console.log(`已吊销令牌 ${id}`);
    } finally { await store.close(); }
  });
}
