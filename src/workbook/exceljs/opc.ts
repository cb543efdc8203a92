/**
 * Just enough of Open Packaging Conventions (ECMA-376 Part 2) to find an .xlsx's parts the way Excel does: by
 * following relationships, never by assuming the names one writer uses. Text in, text out: shared by the loader
 * (browser and Node) and the streaming ledger reader (Node).
 */

const ATTR_CACHE = new Map<string, RegExp>();

/** The value of attribute NAME in one start tag, XML-decoded; null when absent. */
export function attr(tag: string, name: string): string | null {
  let re = ATTR_CACHE.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_CACHE.set(name, re);
  }
  const m = re.exec(tag);
  return m ? xmlDecode(m[1] ?? m[2]) : null;
}

export function xmlDecode(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A relationship target resolved against the part that holds it (both without a leading slash). */
export function resolvePart(source: string, target: string): string {
  let decoded = target.trim().replace(/\\/g, '/');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    /* a stray % stays as written */
  }
  if (decoded.startsWith('/')) return decoded.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const seg of decoded.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export interface Relationship {
  id: string;
  /** The last segment of the type URI (worksheet, comments, table …): transitional and strict types alike. */
  kind: string;
  type: string;
  /** As written in the .rels part. */
  target: string;
  /** Resolved to a part name; null for an external target (a hyperlink). */
  part: string | null;
}

export function parseRelationships(xml: string | null, source: string): Relationship[] {
  const out: Relationship[] = [];
  for (const tag of xml?.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    const type = attr(tag, 'Type') ?? '';
    if (!id || target === null) continue;
    const external = attr(tag, 'TargetMode') === 'External';
    out.push({ id, type, kind: type.slice(type.lastIndexOf('/') + 1), target, part: external ? null : resolvePart(source, target) });
  }
  return out;
}

/** The relationship id of a <sheet> in workbook.xml, whatever prefix the writer bound the relationships namespace to. */
export function sheetRelId(tag: string): string | null {
  return /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag)?.slice(1).find((v) => v !== undefined) ?? null;
}
