/**
 * Reads single small entries of a zip (an .xlsx) through its central directory, without inflating the rest:
 * the workbook, relationship and table parts that say which sheet holds which register are a few kB, the sheets
 * can be many MB and are left to the streaming reader. Node only. No ZIP64: an .xlsx over 4 GB is not a ledger.
 */
import { promises as fs } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

export class ZipDirectory {
  private constructor(
    private readonly handle: fs.FileHandle,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(file: string): Promise<ZipDirectory> {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const tailSize = Math.min(size, 65_557);
      const tail = Buffer.alloc(tailSize);
      await handle.read(tail, 0, tailSize, size - tailSize);
      let eocd = -1;
      for (let i = tailSize - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === 0x06054b50) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) throw new ZipError('not a zip file');
      const count = tail.readUInt16LE(eocd + 10);
      const cdSize = tail.readUInt32LE(eocd + 12);
      const cdOffset = tail.readUInt32LE(eocd + 16);
      const cd = Buffer.alloc(cdSize);
      await handle.read(cd, 0, cdSize, cdOffset);
      const entries = new Map<string, ZipEntry>();
      let p = 0;
      for (let i = 0; i < count; i++) {
        if (cd.readUInt32LE(p) !== 0x02014b50) throw new ZipError('damaged zip directory');
        const method = cd.readUInt16LE(p + 10);
        const compressedSize = cd.readUInt32LE(p + 20);
        const nameLength = cd.readUInt16LE(p + 28);
        const extraLength = cd.readUInt16LE(p + 30);
        const commentLength = cd.readUInt16LE(p + 32);
        const localOffset = cd.readUInt32LE(p + 42);
        const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
        entries.set(name, { name, method, compressedSize, localOffset });
        p += 46 + nameLength + extraLength + commentLength;
      }
      return new ZipDirectory(handle, entries);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async text(name: string): Promise<string | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const header = Buffer.alloc(30);
    await this.handle.read(header, 0, 30, entry.localOffset);
    if (header.readUInt32LE(0) !== 0x04034b50) throw new ZipError(`damaged entry ${name}`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const data = Buffer.alloc(entry.compressedSize);
    await this.handle.read(data, 0, entry.compressedSize, start);
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) return inflateRawSync(data).toString('utf8');
    throw new ZipError(`unsupported compression ${entry.method} in ${name}`);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export class ZipError extends Error {}
