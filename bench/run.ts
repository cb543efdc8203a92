/**
 * npm run bench: runs every bench/*.bench.ts, prints one table and writes bench-results.json, a flat object of
 * named figures. Each bench module exports `run(): Promise<Record<string, number>>`; names stay stable once
 * published. Ratios compare against a peer measured in the same run, never against a fixed time.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = __dirname;
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const results: Record<string, number> = {};
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    if (only.length && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name} …\n`);
    const mod = (await import(path.join(dir, file))) as { run: () => Promise<Record<string, number>> };
    Object.assign(results, await mod.run());
  }
  const out = path.join(dir, '..', 'bench-results.json');
  let previous: Record<string, number> = {};
  if (only.length) previous = JSON.parse(await fs.readFile(out, 'utf8').catch(() => '{}'));
  const merged = { ...previous, ...results };
  await fs.writeFile(out, JSON.stringify(merged, null, 2) + '\n');
  const width = Math.max(...Object.keys(merged).map((k) => k.length));
  for (const [k, v] of Object.entries(merged)) process.stdout.write(`${k.padEnd(width)}  ${Number.isInteger(v) ? v : v.toFixed(3)}\n`);
  process.stdout.write(`\n→ ${path.relative(process.cwd(), out)}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
