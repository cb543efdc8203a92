/**
 * Canonical JSON and SHA-256 through WebCrypto (globalThis.crypto.subtle), so the same bytes are hashed in
 * Node, in the browser and in Excel's webview.
 * Canonical form: object keys sorted by UTF-16 code units, strings NFC-normalised, no whitespace,
 * numbers as JSON.stringify writes them, undefined members dropped.
 */
/**
 * Text made only of characters that NFC never changes (below U+0300, CJK punctuation but its combining tone marks, unified ideographs,
 * half/full-width forms) is returned as it is; anything else goes through String.prototype.normalize.
 */
const NFC_STABLE = /^[\u0000-\u02ff\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*$/;
function nfc(text: string): string {
  return NFC_STABLE.test(text) ? text : text.normalize('NFC');
}

/** Each key's JSON text, or null when NFC would change it (such a key needs the general path); records and audit entries use a few dozen keys. */
const keyJson = new Map<string, string | null>();
export function canonicalKey(key: string): string | null {
  let quoted = keyJson.get(key);
  if (quoted === undefined) {
    quoted = NFC_STABLE.test(key) ? JSON.stringify(key) : null;
    if (keyJson.size < 10_000) keyJson.set(key, quoted);
  }
  return quoted;
}

/**
 * The common case without a key pair per member: when NFC leaves every key as it is, sorting the keys themselves
 * (the default sort compares UTF-16 code units) gives the same order. Null when a key needs normalising.
 */
function plainObjectJson(obj: Record<string, unknown>): string | null {
  const keys = Object.keys(obj);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    if (canonicalKey(keys[i]) === null) return null;
    if (i > 0 && keys[i - 1] > keys[i]) sorted = false;
  }
  // Objects built with their keys in order (audit entries, step entries) skip the sort.
  if (!sorted) keys.sort();
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const member = obj[keys[i]];
    if (member === undefined) continue;
    out += (first ? '' : ',') + canonicalKey(keys[i]) + ':' + canonicalJson(member);
    first = false;
  }
  return out + '}';
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(nfc(value));
    case 'object': {
      // Written as loops: the audit chain hashes every record of a register on verify.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      const plain = plainObjectJson(obj);
      if (plain !== null) return plain;
      const keys: [string, string][] = [];
      for (const k of Object.keys(obj)) if (obj[k] !== undefined) keys.push([nfc(k), k]);
      keys.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      let out = '{';
      for (let i = 0; i < keys.length; i++) out += (i ? ',' : '') + JSON.stringify(keys[i][0]) + ':' + canonicalJson(obj[keys[i][1]]);
      return out + '}';
    }
    default:
      return 'null';
  }
}

function subtle(): SubtleCrypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this environment');
  return c.subtle;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
