/**
 * Puts a valid .xlsx package into the shape exceljs 4.4 reads. exceljs does not follow relationships: it reads a
 * part only under the name it would have written itself (xl/worksheets/sheetN.xml, xl/commentsN.xml,
 * xl/tables/tableN.xml, xl/drawings/vmlDrawingN.vml …) and then looks comments, notes and tables up by the exact
 * target text it would have written ("../comments1.xml"). Any other writer — openpyxl puts notes in
 * xl/comments/comment1.xml with absolute targets, others use other folders or case — makes it fail with a
 * TypeError or, worse, silently drop the strings or styles.
 *
 * So the package is walked as Excel walks it, from _rels/.rels through each part's relationships, and each part
 * exceljs reads is given exceljs's own name, with the relationships rewritten to match (ids unchanged, so the
 * sheets' r:id references still hold). Parts exceljs cannot use (pivot caches, printer settings, charts) are
 * left out: it would drop them on save anyway. A package already in that shape is returned as it came, and
 * renamed parts keep their compressed bytes, so the cost is reading a few small .rels parts.
 */
import JSZip from 'jszip';
import { attr, parseRelationships, relsPartOf, sheetRelId, xmlEscape, type Relationship } from './opc';

/** What a part is, for a message that tells the user which part of their file could not be read. */
export interface PartInfo {
  /** The name in the user's file. */
  original: string;
  kind: 'workbook' | 'worksheet' | 'sharedStrings' | 'styles' | 'theme' | 'comments' | 'vmlDrawing' | 'table' | 'drawing' | 'image' | 'properties' | 'relationships';
  /** The sheet it belongs to, by name. */
  sheet?: string;
}

export interface NormalizedPackage {
  bytes: Uint8Array;
  /** False when the package was already readable as it was (bytes are the input). */
  changed: boolean;
  /** Parts by the name exceljs sees, in the order exceljs will read them. */
  parts: Map<string, PartInfo>;
  order: string[];
}

/** Thrown for a zip that is not a spreadsheet package; kind says what it is instead. */
export class NotAWorkbook extends Error {
  constructor(readonly what: 'word' | 'powerpoint' | 'zip' | 'damaged', readonly detail: string) {
    super(detail);
  }
}

/** A part that the package's relationships name and that is not in it. */
export class MissingPart extends Error {
  constructor(readonly part: string, readonly sheet: string | undefined) {
    super(part);
  }
}

const T = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE: Record<string, string> = {
  officeDocument: `${T}/officeDocument`,
  'core-properties': `${PKG}/metadata/core-properties`,
  'extended-properties': `${T}/extended-properties`,
  worksheet: `${T}/worksheet`,
  sharedStrings: `${T}/sharedStrings`,
  styles: `${T}/styles`,
  theme: `${T}/theme`,
  comments: `${T}/comments`,
  vmlDrawing: `${T}/vmlDrawing`,
  table: `${T}/table`,
  drawing: `${T}/drawing`,
  image: `${T}/image`,
  hyperlink: `${T}/hyperlink`,
};

interface Link {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Part names exceljs's reader dispatches on; anything matching them must be a part we placed there. */
const EXCELJS_PATTERNS = [
  /xl\/worksheets\/sheet\d+[.]xml/,
  /xl\/worksheets\/_rels\/sheet\d+[.]xml.rels/,
  /xl\/theme\/[a-zA-Z0-9]+[.]xml/,
  /xl\/media\//,
  /xl\/drawings\/[a-zA-Z0-9]+[.]xml/,
  /xl\/comments\d+[.]xml/,
  /xl\/tables\/table\d+[.]xml/,
  /xl\/drawings\/_rels\/[a-zA-Z0-9]+[.]xml[.]rels/,
  /xl\/drawings\/vmlDrawing\d+[.]vml/,
];

/** Targets as exceljs writes them and looks them up (worksheet-xform.js reconcile compares the text). */
const EXCELJS_TARGETS: Record<string, RegExp> = {
  comments: /^\.\.\/comments\d+\.xml$/,
  vmlDrawing: /^\.\.\/drawings\/vmlDrawing\d+\.vml$/,
  table: /^\.\.\/tables\/table\d+\.xml$/,
  drawing: /^\.\.\/drawings\/[a-zA-Z0-9]+\.xml$/,
  image: /^\.\.\/media\/[a-zA-Z0-9]+\.[a-zA-Z0-9]{3,4}$/,
};

class Plan {
  readonly parts = new Map<string, PartInfo>();
  /** New name → source entry name (for copied parts) or XML text (for rewritten relationships). */
  readonly copies = new Map<string, string>();
  readonly texts = new Map<string, string>();
  /** Whether every part already has the name exceljs looks for and every target reads as exceljs expects. */
  asIs = true;
  private readonly placed = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly zip: JSZip, private readonly entries: Map<string, string>) {}

  entry(part: string): string | undefined {
    return this.entries.get(part.toLowerCase());
  }

  async text(part: string): Promise<string | null> {
    const name = this.entry(part);
    return name === undefined ? null : this.zip.files[name].async('string');
  }

  next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  /** Gives the source part its exceljs name (once, however many relationships point at it). */
  place(source: string, name: string, info: PartInfo): string {
    const entry = this.entry(source)!;
    const done = this.placed.get(entry);
    if (done) return done;
    this.placed.set(entry, name);
    this.copies.set(name, entry);
    this.parts.set(name, info);
    return name;
  }

  /** Notes a part or target that exceljs would not find where it is. */
  expect(compatible: boolean): void {
    if (!compatible) this.asIs = false;
  }

  rels(name: string, links: Link[], info: PartInfo): void {
    const body = links
      .map((l) => `<Relationship Id="${xmlEscape(l.id)}" Type="${xmlEscape(l.type)}" Target="${xmlEscape(l.target)}"${l.external ? ' TargetMode="External"' : ''}/>`)
      .join('');
    this.texts.set(name, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${body}</Relationships>`);
    this.parts.set(name, info);
  }
}

function external(r: Relationship): Link {
  return { id: r.id, type: r.type, target: r.target, external: true };
}

/** Reads the package's relationships and plans exceljs's names; throws NotAWorkbook / MissingPart. */
async function plan(zip: JSZip): Promise<Plan> {
  const entries = new Map<string, string>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) entries.set(name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), name);
  const p = new Plan(zip, entries);
  for (const name of entries.values()) if (name.includes('\\') || name.startsWith('/')) p.asIs = false;

  const rootRels = parseRelationships(await p.text('_rels/.rels'), '');
  const office = rootRels.find((r) => r.kind === 'officeDocument' && r.part && p.entry(r.part));
  if (!office) {
    const types = (await p.text('[Content_Types].xml')) ?? '';
    if (types.includes('wordprocessingml')) throw new NotAWorkbook('word', 'word');
    if (types.includes('presentationml')) throw new NotAWorkbook('powerpoint', 'powerpoint');
    throw new NotAWorkbook('zip', 'no workbook part');
  }
  const workbookXml = (await p.text(office.part!)) ?? '';
  if (!/<(?:\w+:)?workbook\b/.test(workbookXml)) throw new NotAWorkbook(/wordprocessingml|presentationml/.test(workbookXml) ? 'word' : 'zip', 'no workbook element');
  const rootLinks: Link[] = [{ id: office.id, type: REL_TYPE.officeDocument, target: 'xl/workbook.xml', external: false }];
  p.expect(p.entry(office.part!) === 'xl/workbook.xml');
  p.place(office.part!, 'xl/workbook.xml', { original: office.part!, kind: 'workbook' });
  for (const r of rootRels) {
    const name = r.kind === 'core-properties' ? 'docProps/core.xml' : r.kind === 'extended-properties' ? 'docProps/app.xml' : null;
    if (!name || !r.part || !p.entry(r.part)) continue;
    p.expect(p.entry(r.part) === name);
    rootLinks.push({ id: r.id, type: REL_TYPE[r.kind], target: name, external: false });
    p.place(r.part, name, { original: r.part, kind: 'properties' });
  }
  p.rels('_rels/.rels', rootLinks, { original: '_rels/.rels', kind: 'relationships' });

  const sheetNames = new Map<string, string>();
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const id = sheetRelId(tag);
    if (id) sheetNames.set(id, attr(tag, 'name') ?? '');
  }
  const bookRels = parseRelationships(await p.text(relsPartOf(office.part!)), office.part!);
  const bookLinks: Link[] = [];
  for (const r of bookRels) {
    if (!r.part) continue;
    const present = p.entry(r.part) !== undefined;
    if (r.kind === 'worksheet') {
      const sheet = sheetNames.get(r.id);
      if (!present) throw new MissingPart(r.part, sheet);
      const n = p.next('sheet');
      const target = `worksheets/sheet${n}.xml`;
      p.expect(/^worksheets\/sheet\d+\.xml$/.test(r.target) && p.entry(r.part) === `xl/${r.target}`);
      p.place(r.part, `xl/${target}`, { original: r.part, kind: 'worksheet', sheet });
      bookLinks.push({ id: r.id, type: REL_TYPE.worksheet, target, external: false });
      await sheetParts(p, r.part, n, sheet);
    } else if (present && (r.kind === 'sharedStrings' || r.kind === 'styles' || (r.kind === 'theme' && !p.parts.has('xl/theme/theme1.xml')))) {
      const target = r.kind === 'theme' ? 'theme/theme1.xml' : `${r.kind}.xml`;
      p.expect(r.kind === 'theme' ? /^theme\/[a-zA-Z0-9]+\.xml$/.test(r.target) : r.target === target);
      p.expect(p.entry(r.part) === `xl/${r.target}`);
      p.place(r.part, `xl/${target}`, { original: r.part, kind: r.kind });
      bookLinks.push({ id: r.id, type: REL_TYPE[r.kind], target, external: false });
    } else {
      // Chartsheets, pivot caches, external links, macros: exceljs has no model for them and ignores them where they are.
    }
  }
  p.rels('xl/_rels/workbook.xml.rels', bookLinks, { original: relsPartOf(office.part!), kind: 'relationships' });
  // A part under one of exceljs's names that no relationship reaches would be read as if it belonged somewhere.
  const reached = new Set([...p.copies.values()].flatMap((entry) => [entry, relsPartOf(entry)]));
  for (const name of entries.values()) if (!reached.has(name) && EXCELJS_PATTERNS.some((re) => re.test(name))) p.asIs = false;
  return p;
}

async function sheetParts(p: Plan, sheetPart: string, n: number, sheet: string | undefined): Promise<void> {
  const rels = parseRelationships(await p.text(relsPartOf(sheetPart)), sheetPart);
  if (!rels.length) return;
  const links: Link[] = [];
  for (const r of rels) {
    if (!r.part) {
      links.push(external(r));
      continue;
    }
    if (!p.entry(r.part)) {
      // A note or table part that is not there: Excel repairs this by dropping the reference, and so do we.
      p.asIs = false;
      continue;
    }
    let target: string | null = null;
    if (r.kind === 'comments') {
      target = `../comments${p.next('comments')}.xml`;
      p.place(r.part, `xl/${target.slice(3)}`, { original: r.part, kind: 'comments', sheet });
    } else if (r.kind === 'vmlDrawing') {
      target = `../drawings/vmlDrawing${p.next('vml')}.vml`;
      p.place(r.part, `xl/${target.slice(3)}`, { original: r.part, kind: 'vmlDrawing', sheet });
    } else if (r.kind === 'table') {
      target = `../tables/table${p.next('table')}.xml`;
      p.place(r.part, `xl/${target.slice(3)}`, { original: r.part, kind: 'table', sheet });
    } else if (r.kind === 'drawing') {
      const k = p.next('drawing');
      target = `../drawings/drawing${k}.xml`;
      p.place(r.part, `xl/${target.slice(3)}`, { original: r.part, kind: 'drawing', sheet });
      await drawingParts(p, r.part, k, sheet);
    } else if (r.kind === 'image') {
      target = await image(p, r.part, sheet);
    }
    // Printer settings, pivot tables, controls: exceljs ignores them where they are; a renamed package leaves them out.
    if (target === null) continue;
    p.expect(EXCELJS_TARGETS[r.kind].test(r.target) && p.entry(r.part) === `xl/${r.target.slice(3)}`);
    links.push({ id: r.id, type: REL_TYPE[r.kind], target, external: false });
  }
  p.rels(`xl/worksheets/_rels/sheet${n}.xml.rels`, links, { original: relsPartOf(sheetPart), kind: 'relationships', sheet });
}

async function drawingParts(p: Plan, drawingPart: string, k: number, sheet: string | undefined): Promise<void> {
  const rels = parseRelationships(await p.text(relsPartOf(drawingPart)), drawingPart);
  const links: Link[] = [];
  for (const r of rels) {
    if (!r.part) links.push(external(r));
    else if (r.kind === 'image' && p.entry(r.part)) {
      const target = await image(p, r.part, sheet);
      p.expect(EXCELJS_TARGETS.image.test(r.target) && p.entry(r.part) === `xl/${r.target.slice(3)}`);
      links.push({ id: r.id, type: REL_TYPE.image, target, external: false });
    }
  }
  if (rels.length) p.rels(`xl/drawings/_rels/drawing${k}.xml.rels`, links, { original: relsPartOf(drawingPart), kind: 'relationships', sheet });
}

async function image(p: Plan, part: string, sheet: string | undefined): Promise<string> {
  const ext = /\.([a-zA-Z0-9]{3,4})$/.exec(part)?.[1]?.toLowerCase() ?? 'png';
  const name = p.place(part, `xl/media/image${p.next('image')}.${ext}`, { original: part, kind: 'image', sheet });
  return `../${name.slice(3)}`;
}

interface JSZipInternals {
  _data: { compression: { magic: string } } | unknown;
}

export async function normalizeXlsxPackage(bytes: Uint8Array): Promise<NormalizedPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new NotAWorkbook('damaged', (error as Error).message);
  }
  const p = await plan(zip);
  if (p.asIs) {
    // Names as they are; the relationships parts need no rewriting either, so the original order is exceljs's.
    const parts = new Map<string, PartInfo>();
    for (const info of p.parts.values()) parts.set(info.original, info);
    return { bytes, changed: false, parts, order: Object.keys(zip.files) };
  }
  const out = new JSZip();
  // workbook.xml before the sheets: exceljs's streaming reader needs the sheet names first.
  const order = [...p.texts.keys(), ...p.copies.keys()].sort((a, b) => rank(a) - rank(b));
  for (const name of order) {
    const text = p.texts.get(name);
    if (text !== undefined) {
      out.file(name, text, { compression: 'DEFLATE' });
      continue;
    }
    // The compressed bytes move as they are (JSZip reuses them when the method matches): nothing is inflated.
    const data = (zip.files[p.copies.get(name)!] as unknown as JSZipInternals)._data as { compression?: { magic: string } };
    const compression = data?.compression?.magic === '\x00\x00' ? 'STORE' : 'DEFLATE';
    out.file(name, data as unknown as string, { binary: true, compression });
  }
  return { bytes: await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), changed: true, parts: p.parts, order };
}

function rank(name: string): number {
  if (name === '_rels/.rels') return 0;
  if (name === 'xl/workbook.xml') return 1;
  if (name === 'xl/_rels/workbook.xml.rels') return 2;
  if (name === 'xl/sharedStrings.xml') return 3;
  if (name === 'xl/styles.xml') return 4;
  return 5;
}
