/**
 * taizhang — the batch CLI. Exit codes: 0 success, 1 findings, 2 bad usage or unreadable input.
 * A user's mistake gets a message that says what to do, never a stack trace.
 */
import { promises as fs } from 'node:fs';
import { UsageError, parseArgs } from './args';
import { processIo, type Io } from './io';
import { lintCommand } from './lint';
import { templatesCommand } from './templates';

const USAGE = `用法 (usage):
  taizhang templates [DIR] --out OUT    从流程文件生成空白模板 (build blank templates)
  taizhang lint [DIR]                   只检查流程文件 (check the process documents)
  taizhang help                         显示本帮助

DIR 默认为 templates/;OUT 默认为 dist/templates/`;

async function requireDir(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat || !stat.isDirectory()) throw new UsageError(`找不到目录 ${dir} (no such directory)`);
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'templates': {
        const args = parseArgs(rest, ['out'], []);
        const dir = args.positionals[0] ?? 'templates';
        await requireDir(dir);
        return await templatesCommand(dir, String(args.flags.out ?? 'dist/templates'), io);
      }
      case 'lint': {
        const args = parseArgs(rest, [], []);
        const dir = args.positionals[0] ?? 'templates';
        await requireDir(dir);
        return await lintCommand(dir, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`未知命令 ${command} (unknown command)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`taizhang: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR' || code === 'ENOSPC') {
      io.err(`taizhang: 无法读写文件:${(error as Error).message} (cannot read or write a file)`);
      return 2;
    }
    io.err(`taizhang: 内部错误,请报告给开发者:${(error as Error).message} (internal error)`);
    return 2;
  }
}
