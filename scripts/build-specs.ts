/**
 * Bundles the built-in registers into the task pane at build time: templates/*.md → src/taskpane/specs.generated.json
 * ({ settings, registers }), through the same parser as `taizhang templates`. A document with errors stops the
 * build with the linter's file:line messages, so a broken document never reaches users.
 * Usage: tsx scripts/build-specs.ts [DIR] [OUT]
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { layoutProblems } from '../src/core/layout';
import { buildCatalog } from '../src/spec/catalog';
import { formatDocError } from '../src/spec/errors';

const root = path.join(__dirname, '..');
const dir = process.argv[2] ?? path.join(root, 'templates');
const out = process.argv[3] ?? path.join(root, 'src', 'taskpane', 'specs.generated.json');

const sources = readdirSync(dir)
  .filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md')
  .sort()
  .map((n) => ({ file: path.join(path.relative(root, dir), n), source: readFileSync(path.join(dir, n), 'utf8') }));
const catalog = buildCatalog(sources);
if (!catalog.ok) {
  for (const e of catalog.errors) process.stderr.write(`${formatDocError(e)}\n`);
  process.stderr.write(`build-specs: ${catalog.errors.length} 处错误,任务窗格未构建 (documents have errors)\n`);
  process.exit(1);
}
const clashes = catalog.value.registers.flatMap((spec) => layoutProblems(spec).map((p) => `${catalog.value.files[spec.id]}: ${p}`));
if (clashes.length) {
  process.stderr.write(`${clashes.join('\n')}\n`);
  process.exit(1);
}
mkdirSync(path.dirname(out), { recursive: true });
const { settings, registers } = catalog.value;
writeFileSync(out, `${JSON.stringify({ settings, registers })}\n`);
process.stdout.write(`build-specs: ${registers.length} registers → ${path.relative(process.cwd(), out)}\n`);
