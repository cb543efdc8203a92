import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../spec/catalog';

/** Reads every *.md in DIR except README.md, in a stable order. */
export async function readDocuments(dir: string): Promise<SourceFile[]> {
  const entries = await fs.readdir(dir);
  const names = entries.filter((n) => n.toLowerCase().endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
  return Promise.all(
    names.map(async (name) => ({ file: path.join(dir, name), source: await fs.readFile(path.join(dir, name), 'utf8') })),
  );
}
