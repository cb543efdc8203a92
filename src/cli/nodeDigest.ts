/**
 * SHA-256 of UTF-8 text with Node's own crypto: the same hex as core's WebCrypto sha256Hex, synchronous underneath,
 * so the CLI hashes tens of thousands of audit entries without a promise round trip through WebCrypto each.
 */
import { createHash } from 'node:crypto';

export const nodeDigest = async (text: string): Promise<string> => createHash('sha256').update(text, 'utf8').digest('hex');
