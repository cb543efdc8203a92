/**
 * A part of a Word package as a small element tree, parsed with saxes (the streaming XML parser exceljs already
 * uses; several times faster here than a full DOM, which matters when `taizhang templates` reads forty documents).
 * Names are local (w:p → p): Word, WPS and LibreOffice all write the same WordprocessingML namespace.
 */
import { SaxesParser } from 'saxes';

export interface XmlEl {
  localName: string;
  attrs: Record<string, string>;
  children: XmlEl[];
  /** Text directly inside the element (what w:t and w:delText hold). */
  textContent: string;
}

const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Parses XML text into its root element; throws on XML that is not well-formed. */
export function parseXmlTree(text: string): XmlEl {
  const root: XmlEl = { localName: '#document', attrs: {}, children: [], textContent: '' };
  const stack: XmlEl[] = [root];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) attrs[local(name)] = value;
    const el: XmlEl = { localName: local(tag.name), attrs, children: [], textContent: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1].textContent += t;
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1].textContent += t;
  });
  parser.write(text).close();
  const element = root.children[0];
  if (!element) throw new Error('no root element');
  return element;
}
