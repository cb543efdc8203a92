/**
 * Word documents for tests: exported by the product, then changed the way Word itself stores an edit — runs split
 * with rsid attributes and proofing marks, rows cloned with their properties, tracked changes as w:ins / w:del —
 * by editing word/document.xml inside the package.
 */
import { DOMParser, XMLSerializer, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownToDocx } from '../../src/docx/writeDocx';
import { FIXTURE_DOCS } from './docs';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export async function docxOf(markdown: string): Promise<Buffer> {
  return markdownToDocx(markdown, { left: '收文登记  表单编号:GL/YJ-BG-01', right: '保存期限:二年' });
}

/** Rewrites the main document part of a package; `edit` changes the DOM in place. */
export async function editDocx(buf: Buffer, edit: (doc: XmlDocument) => void, part = 'word/document.xml'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const doc = new DOMParser().parseFromString(await zip.file(part)!.async('string'), 'text/xml');
  edit(doc);
  zip.file(part, new XMLSerializer().serializeToString(doc));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function addPart(buf: Buffer, part: string, xml: string, contentType: string, relType?: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  zip.file(part, xml);
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`));
  if (relType) {
    const relsPath = 'word/_rels/document.xml.rels';
    const rels = await zip.file(relsPath)!.async('string');
    zip.file(relsPath, rels.replace('</Relationships>', `<Relationship Id="rIdTest${part.length}" Type="${relType}" Target="${part.replace(/^word\//, '')}"/></Relationships>`));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export const elements = (node: XmlDocument | XmlElement, name: string): XmlElement[] => {
  const list = node.getElementsByTagNameNS(W, name);
  const out: XmlElement[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
};

export const textOf = (el: XmlElement): string => elements(el, 't').map((t) => t.textContent ?? '').join('');

/** The body paragraph whose text is `text` (or starts with it). */
export function paragraph(doc: XmlDocument, text: string | RegExp): XmlElement {
  const p = elements(doc, 'p').find((q) => (typeof text === 'string' ? textOf(q) === text : text.test(textOf(q))));
  if (!p) throw new Error(`no paragraph ${text}`);
  return p;
}

/** The first table after the heading whose text ends with `title`. */
export function tableAfter(doc: XmlDocument, title: string): XmlElement {
  const heading = paragraph(doc, new RegExp(`${title}$`));
  for (let n = heading.nextSibling; n; n = n.nextSibling) if (n.nodeType === 1 && (n as XmlElement).localName === 'tbl') return n as XmlElement;
  throw new Error(`no table after ${title}`);
}

export const rows = (table: XmlElement): XmlElement[] => elements(table, 'tr');
export const cells = (row: XmlElement): XmlElement[] => elements(row, 'tc');

/** A run as Word writes it after typing: its own rsid and the paragraph's formatting. */
export function run(doc: XmlDocument, text: string, rsid = '00A31F5C'): XmlElement {
  const r = doc.createElementNS(W, 'w:r');
  r.setAttributeNS(W, 'w:rsidR', rsid);
  const t = doc.createElementNS(W, 'w:t');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  return r;
}

/** Replaces a paragraph's text with runs split where Word splits them (proofing marks between), keeping pPr. */
export function setParagraphText(p: XmlElement, ...parts: string[]): void {
  const doc = p.ownerDocument!;
  for (const c of [...childElements(p)]) if (c.localName !== 'pPr') p.removeChild(c);
  parts.forEach((part, i) => {
    if (i > 0) {
      const proof = doc.createElementNS(W, 'w:proofErr');
      proof.setAttributeNS(W, 'w:type', 'spellStart');
      p.appendChild(proof);
    }
    p.appendChild(run(doc, part, `00B${i}2C4D`));
  });
}

export function setCellText(tc: XmlElement, ...parts: string[]): void {
  setParagraphText(elements(tc, 'p')[0], ...parts);
}

export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as XmlElement);
  return out;
}

/** A tracked change wrapping runs, as Word writes it with Track Changes on. */
export function tracked(doc: XmlDocument, kind: 'ins' | 'del', text: string, author = '张三'): XmlElement {
  const change = doc.createElementNS(W, `w:${kind}`);
  change.setAttributeNS(W, 'w:id', String(Math.floor(Math.random() * 1e6)));
  change.setAttributeNS(W, 'w:author', author);
  change.setAttributeNS(W, 'w:date', '2026-11-30T10:00:00Z');
  const r = run(doc, text);
  if (kind === 'del') {
    const t = elements(r, 't')[0];
    const del = doc.createElementNS(W, 'w:delText');
    del.setAttribute('xml:space', 'preserve');
    del.appendChild(doc.createTextNode(text));
    r.replaceChild(del, t);
  }
  change.appendChild(r);
  return change;
}

/** A folder with the fixture settings document and the given Word documents. */
export function folderWithDocx(files: Record<string, Buffer>, settings = path.join(FIXTURE_DOCS, '_设置.md')): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-docx-'));
  copyFileSync(settings, path.join(dir, '_设置.md'));
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
  return dir;
}

export function fixtureMarkdown(): string {
  return readFileSync(path.join(FIXTURE_DOCS, '收文登记.md'), 'utf8');
}
