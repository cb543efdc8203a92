/**
 * taizhang — the batch CLI. Exit codes: 0 success, 1 findings, 2 bad usage or unreadable input.
 * A user's mistake gets a message that says what to do, never a stack trace.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
// exceljs writes emoji, "_xHHHH_" text and "\r" exactly only with this (found by the contract suite).
import '../workbook/exceljs/nodeZipFix';
import { UsageError, parseArgs } from './args';
import { processIo, type Io } from './io';
import { lintCommand } from './lint';
import { analyzeCommand } from './analyze';
import { reportCommand } from './report';
import { templatesCommand } from './templates';
import { checkCommand } from './check';
import { verifyCommand } from './verify';
import { retentionCommand } from './retention';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { langOf } from './workbookFile';

const USAGE = `用法 (usage):
  taizhang templates [DIR] --out OUT    从流程文件生成空白模板 (build blank templates)
  taizhang lint [DIR]                   只检查流程文件 (check the process documents)
  taizhang docs export [DIR] --out OUT [--format docx|md]
                                        流程文件导出为 Word 文档(docx,默认)或由 Word 文档导出 Markdown(md)
                                        (process documents as Word documents, or back as Markdown)
  taizhang analyze FILE [--month YYYY-MM] [--out FILE] [--json] [--as-of YYYY-MM-DD]
                                        办公用品库存、消耗与成本分析、补货建议和采购计划,写入工作簿副本
                                        (supplies stock, consumption and cost, reorder, purchase plan;
                                        --out 默认 FILE-消耗分析.xlsx,只加 --json 时不写文件)
  taizhang report FILE [--month YYYY-MM] [--out FILE] [--json] [--as-of DATE] [--lang en]
                                        审批时效:各登记表各步骤、各办理人的用时(工作小时)、按时率、等待中的事项;
                                        --out 写入带“时效分析”表的工作簿副本
                                        (time per approval step and per person in working hours, on-time share,
                                        items waiting; --out writes a copy with the 时效分析 sheet)
  taizhang check FILE [--json] [--as-of DATE] [--lang en]
                                        检查工作簿中每条记录:字段与校验规则、编号、状态、逾期 (validate every record)
  taizhang verify FILE [--json]         重算审计链,指出第一处被改动的地方 (verify the audit chain)
  taizhang retention FILE [--as-of DATE] [--out FILE] [--json]
                                        已过保存期限的记录与销毁清册;--out 写入工作簿副本 (destruction list)
  taizhang import SOURCE --into WORKBOOK --register NAME [--sheet SHEET] [--map FILE] [--out FILE]
                [--report FILE] [--dry-run] [--json] [--in-place] [--as PERSON]
                                        把手工台账(.xlsx/.csv)导入登记表;--out 默认 WORKBOOK-导入.xlsx
                                        (import a hand-made ledger into a register)
  taizhang demo --out FILE [--templates DIR] [--seed N] [--end DATE]
                                        生成一年办公室工作的演示工作簿 (a demo workbook with a year of activity)
  taizhang help                         显示本帮助

DIR 默认为 templates/;OUT 默认为 dist/templates/;DIR 中的 .md 与 .docx 流程文件都会读取`;

/**
 * templates/ in the current folder when there is one (an office editing its own documents), otherwise the
 * documents shipped with Taizhang, so `npx taizhang demo` works from any folder.
 */
async function defaultTemplatesDir(): Promise<string> {
  const local = await fs.stat('templates').catch(() => null);
  if (local?.isDirectory()) return 'templates';
  return path.join(__dirname, '..', 'templates');
}

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
        const dir = args.positionals[0] ?? (await defaultTemplatesDir());
        await requireDir(dir);
        return await templatesCommand(dir, String(args.flags.out ?? 'dist/templates'), io);
      }
      case 'lint': {
        const args = parseArgs(rest, [], []);
        const dir = args.positionals[0] ?? (await defaultTemplatesDir());
        await requireDir(dir);
        return await lintCommand(dir, io);
      }
      case 'docs': {
        const args = parseArgs(rest, ['out', 'format'], []);
        const [sub, ...positionals] = args.positionals;
        if (sub !== 'export') throw new UsageError('docs 的子命令只有 export (docs takes the subcommand export)');
        if (typeof args.flags.out !== 'string') throw new UsageError('docs export 需要 --out OUT (docs export needs --out OUT)');
        if (positionals.length > 1) throw new UsageError('docs export 只接受一个目录 (docs export takes one DIR)');
        const dir = positionals[0] ?? (await defaultTemplatesDir());
        await requireDir(dir);
        // Loaded only here: the Word writer stays out of every other command's start-up.
        const { docsExportCommand, docsFormat } = await import('./docs');
        return await docsExportCommand(dir, args.flags.out, docsFormat(args.flags.format), io);
      }
      case 'analyze': {
        const args = parseArgs(rest, ['month', 'out', 'as-of'], ['json']);
        if (args.positionals.length !== 1) throw new UsageError('analyze 需要一个工作簿文件 (analyze needs one workbook FILE)');
        const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
        return await analyzeCommand(args.positionals[0], { month: str(args.flags.month), out: str(args.flags.out), json: args.flags.json === true, asOf: str(args.flags['as-of']) }, io);
      }
      case 'report': {
        const args = parseArgs(rest, ['month', 'out', 'as-of', 'lang'], ['json']);
        if (args.positionals.length !== 1) throw new UsageError('report 需要一个工作簿文件 (report needs one workbook FILE)');
        const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
        return await reportCommand(args.positionals[0], { month: str(args.flags.month), out: str(args.flags.out), json: args.flags.json === true, asOf: str(args.flags['as-of']), lang: langOf(args.flags.lang) }, io);
      }
      case 'check': {
        const args = parseArgs(rest, ['as-of', 'lang'], ['json']);
        if (args.positionals.length !== 1) throw new UsageError('check 需要一个工作簿文件 (check needs one workbook FILE)');
        return await checkCommand(args.positionals[0], { json: args.flags.json === true, asOf: args.flags['as-of'] as string | undefined, lang: langOf(args.flags.lang) }, io);
      }
      case 'verify': {
        const args = parseArgs(rest, ['lang'], ['json']);
        if (args.positionals.length !== 1) throw new UsageError('verify 需要一个工作簿文件 (verify needs one workbook FILE)');
        return await verifyCommand(args.positionals[0], { json: args.flags.json === true, lang: langOf(args.flags.lang) }, io);
      }
      case 'retention': {
        const args = parseArgs(rest, ['as-of', 'out', 'lang'], ['json']);
        if (args.positionals.length !== 1) throw new UsageError('retention 需要一个工作簿文件 (retention needs one workbook FILE)');
        return await retentionCommand(args.positionals[0], { asOf: args.flags['as-of'] as string | undefined, out: args.flags.out as string | undefined, json: args.flags.json === true, lang: langOf(args.flags.lang) }, io);
      }
      case 'import': {
        const args = parseArgs(rest, ['into', 'register', 'sheet', 'map', 'out', 'report', 'as', 'lang'], ['dry-run', 'json', 'in-place']);
        if (args.positionals.length !== 1) throw new UsageError('import 需要一个源文件 SOURCE (import needs one SOURCE file)');
        if (typeof args.flags.into !== 'string' || typeof args.flags.register !== 'string') throw new UsageError('import 需要 --into WORKBOOK 和 --register NAME (import needs --into and --register)');
        const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
        return await importCommand(args.positionals[0], {
          into: args.flags.into, register: args.flags.register, sheet: str(args.flags.sheet), map: str(args.flags.map), out: str(args.flags.out), report: str(args.flags.report), as: str(args.flags.as),
          dryRun: args.flags['dry-run'] === true, json: args.flags.json === true, inPlace: args.flags['in-place'] === true, lang: langOf(args.flags.lang),
        }, io);
      }
      case 'demo': {
        const args = parseArgs(rest, ['out', 'templates', 'seed', 'end'], []);
        if (args.positionals.length) throw new UsageError('demo 不接受位置参数;用 --out FILE 指定输出 (demo takes --out FILE)');
        if (typeof args.flags.out !== 'string') throw new UsageError('demo 需要 --out FILE (demo needs --out FILE)');
        const templates = args.flags.templates ? String(args.flags.templates) : await defaultTemplatesDir();
        await requireDir(templates);
        return await demoCommand({ out: args.flags.out, templates, seed: args.flags.seed as string | undefined, end: args.flags.end as string | undefined }, io);
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
