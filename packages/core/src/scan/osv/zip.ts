import { open, type FileHandle } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { printable } from './printable.js';

/*
 * A small, careful reader of zip archives (APPNOTE 6.3): the central directory is read from the
 * end of the file, then each entry is read and inflated on its own, so memory stays bounded by
 * the largest entry. Zip64 archives (more than 65,535 entries, as OSV's largest dumps) are read.
 * Entries are checked: stored or deflated only, sizes within the file, uncompressed size capped,
 * CRC-32 verified. Nothing is written to disk.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** The largest entry Quai inflates (an OSV record is a few kilobytes; the largest are ~2 MiB). */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function corrupt(file: string, why: Message): QuaiError {
  return new QuaiError('INPUT_INVALID', msg('scan.zip.unreadable', { file: printable(file), why }), {
    hint: msg('scan.zip.unreadableHint'),
    location: { file },
  });
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return bytesRead === length ? buf : buf.subarray(0, bytesRead);
}

export class ZipReader {
  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    private readonly fileSize: number,
    readonly entries: readonly ZipEntry[],
  ) {}

  static async open(file: string): Promise<ZipReader> {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      const entries = await readCentralDirectory(file, fh, size);
      return new ZipReader(file, fh, size, entries);
    } catch (error) {
      await fh.close();
      throw error;
    }
  }

  async read(entry: ZipEntry): Promise<Buffer> {
    if (entry.size > MAX_ENTRY_BYTES) {
      throw corrupt(
        this.file,
        msg('scan.zip.entryTooLarge', {
          name: printable(entry.name),
          size: entry.size,
          limit: MAX_ENTRY_BYTES,
        }),
      );
    }
    const header = await readAt(this.fh, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIG) {
      throw corrupt(
        this.file,
        msg('scan.zip.noLocalHeader', { name: printable(entry.name), offset: entry.localHeaderOffset }),
      );
    }
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) {
      throw corrupt(this.file, msg('scan.zip.entryPastEnd', { name: printable(entry.name) }));
    }
    const raw = await readAt(this.fh, start, entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
      } catch (error) {
        throw corrupt(
          this.file,
          msg('scan.zip.noInflate', { name: printable(entry.name), reason: (error as Error).message }),
        );
      }
    } else
      throw corrupt(this.file, msg('scan.zip.method', { name: printable(entry.name), method: entry.method }));
    if (data.length !== entry.size) {
      throw corrupt(
        this.file,
        msg('scan.zip.sizeMismatch', {
          name: printable(entry.name),
          size: data.length,
          expected: entry.size,
        }),
      );
    }
    if (crc32(data) !== entry.crc)
      throw corrupt(this.file, msg('scan.zip.crc', { name: printable(entry.name) }));
    return data;
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

async function readCentralDirectory(file: string, fh: FileHandle, size: number): Promise<ZipEntry[]> {
  if (size < 22) throw corrupt(file, msg('scan.zip.tooSmall'));
  const tailLength = Math.min(size, 22 + 65_535 + 20);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(file, msg('scan.zip.noEnd'));
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && tail.readUInt32LE(locator) === EOCD64_LOCATOR_SIG) {
    const eocd64Offset = Number(tail.readBigUInt64LE(locator + 8));
    const rec = await readAt(fh, eocd64Offset, 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== EOCD64_SIG)
      throw corrupt(file, msg('scan.zip.noZip64End'));
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw corrupt(file, msg('scan.zip.directoryPastEnd'));
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) {
      throw corrupt(file, msg('scan.zip.directoryEntry', { index: i + 1, count }));
    }
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressed = cd.readUInt32LE(p + 24);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    // Zip64 extra field: the 64-bit values, in this order, for each 32-bit field set to 0xFFFFFFFF.
    const extraStart = p + 46 + nameLength;
    for (let e = extraStart; e + 4 <= extraStart + extraLength;) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff) {
          uncompressed = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    entries.push({
      name,
      method: cd.readUInt16LE(p + 10),
      compressedSize,
      size: uncompressed,
      crc: cd.readUInt32LE(p + 16),
      localHeaderOffset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
