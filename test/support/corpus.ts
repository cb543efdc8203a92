/**
 * Workbooks written by other tools, made in the tests from a Taizhang workbook: openpyxl (saved as is, filled
 * with rows), LibreOffice Calc (a round trip through its own profile), SheetJS, and a package whose parts sit at
 * names no writer of ours uses (notes, tables, styles and strings elsewhere, absolute
 * targets) — still a valid package: openpyxl opens it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { sofficePath } from './libreoffice';

/** LibreOffice Calc opens FILE and saves it as .xlsx into a new folder; returns the new file. */
export function libreOfficeRoundTrip(file: string): string {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'tz-lo-xlsx-'));
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tz-lo-profile-'));
  // soffice refuses to convert a file onto itself: the input is a copy with another name.
  const input = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-lo-in-')), `lo-${path.basename(file)}`);
  copyFileSync(file, input);
  execFileSync(sofficePath(), [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc Office Open XML', '--outdir', outDir, input], { stdio: 'pipe', timeout: 600_000 });
  return path.join(outDir, path.basename(input));
}

/** SheetJS (the npm registry's 0.18.5) reads FILE and writes it again, as a web app exporting a sheet does. */
export function sheetJsRoundTrip(file: string, target: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const XLSX = require('xlsx') as typeof import('xlsx');
  const wb = XLSX.read(readFileSync(file), { cellStyles: true, cellNF: true, cellDates: false });
  writeFileSync(target, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }));
}

/** Where each kind of part goes in the relocated package; {n} is a counter per kind. */
const ODD_NAMES: [RegExp, string][] = [
  [/^xl\/workbook\.xml$/, 'Book/Main_Book.xml'],
  [/^xl\/worksheets\/sheet\d+\.xml$/, 'Book/Sheets/Register-{n}.xml'],
  [/^xl\/sharedStrings\.xml$/, 'Book/Text/Strings.xml'],
  [/^xl\/styles\.xml$/, 'Book/Look/STYLES.xml'],
  [/^xl\/theme\/theme\d+\.xml$/, 'Book/Look/theme{n}.xml'],
  [/^xl\/comments\d+\.xml$/, 'Book/Notes/note{n}.xml'],
  [/^xl\/drawings\/vmlDrawing\d+\.vml$/, 'Book/Notes/shapes{n}.vml'],
  [/^xl\/tables\/table\d+\.xml$/, 'Book/Lists/list_{n}.xml'],
  [/^docProps\/core\.xml$/, 'meta/core.xml'],
  [/^docProps\/app\.xml$/, 'meta/app.xml'],
];

function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolve(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/**
 * The same workbook with every part exceljs looks for by name moved elsewhere, the relationships and content
 * types rewritten to match — targets absolute from the workbook, relative
 * elsewhere — and the zip entries in another order.
 */
export async function relocateParts(bytes: Uint8Array | Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const moved = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const name of names) {
    const rule = ODD_NAMES.find(([re]) => re.test(name));
    if (!rule) continue;
    const n = (counters.get(rule[1]) ?? 0) + 1;
    counters.set(rule[1], n);
    moved.set(name, rule[1].replace('{n}', String(n)));
  }
  const newName = (name: string): string => {
    const rels = /^(.*?)_rels\/([^/]+)\.rels$/.exec(name);
    return moved.get(name) ?? (rels ? relsOf(newName(rels[1] + rels[2])) : name);
  };
  const out = new JSZip();
  for (const name of names.reverse()) {
    let data: string | Uint8Array = await zip.files[name].async('uint8array');
    if (name.endsWith('.rels')) {
      const source = name === '_rels/.rels' ? '' : name.replace(/_rels\/([^/]+)\.rels$/, '$1');
      const newSource = source ? newName(source) : '';
      data = Buffer.from(data).toString('utf8').replace(/<Relationship\b[^>]*>/g, (tag) => {
        if (/TargetMode="External"/.test(tag)) return tag;
        return tag.replace(/Target="([^"]*)"/, (_m, target: string) => {
          const part = newName(resolve(source, target));
          const absolute = source.endsWith('Main_Book.xml') || source === '';
          const written = absolute ? `/${part}` : relativeTo(newSource, part);
          return `Target="${written.split('/').map(encodeURIComponent).join('/')}"`;
        });
      });
    } else if (name === '[Content_Types].xml') {
      data = Buffer.from(data).toString('utf8').replace(/PartName="\/([^"]*)"/g, (_m, part: string) => `PartName="/${newName(part).split('/').map(encodeURIComponent).join('/')}"`);
    }
    out.file(newName(name), data);
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function relativeTo(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}
