/*
 * A small read-only reader of the SQLite file format (https://www.sqlite.org/fileformat2.html),
 * enough to list the rows of one table of an rpm database (`Packages(hnum, blob)` in
 * rpmdb.sqlite): the database header, sqlite_schema on page 1, table B-tree interior and leaf
 * pages, overflow page chains and the record format with its serial types. Index B-trees,
 * free pages and the write-ahead log are not needed and not read. The whole file is in memory
 * (an rpm database is a few tens of megabytes); every page number, offset and length is checked,
 * so a damaged file raises a SqliteFormatError instead of looping or reading out of bounds.
 */

export class SqliteFormatError extends Error {}

export type SqliteValue = null | number | bigint | string | Buffer;

export interface SqliteRow {
  readonly rowid: bigint;
  readonly values: readonly SqliteValue[];
}

const MAGIC = 'SQLite format 3\0';

function fail(why: string): never {
  throw new SqliteFormatError(why);
}

/** A varint at `pos`: value and length (1 to 9 bytes, big-endian groups of 7 bits, 8 in the 9th). */
function varint(buf: Buffer, pos: number, end: number): [bigint, number] {
  let v = 0n;
  for (let i = 0; i < 9; i++) {
    if (pos + i >= end) fail(`a varint at offset ${pos} runs past its page`);
    const b = buf[pos + i]!;
    if (i === 8) return [(v << 8n) | BigInt(b), 9];
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) return [v, i + 1];
  }
  return [v, 9];
}

function smallVarint(buf: Buffer, pos: number, end: number, what: string): [number, number] {
  const [v, n] = varint(buf, pos, end);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${what} is implausibly large`);
  return [Number(v), n];
}

export class SqliteFile {
  readonly pageSize: number;
  /** Usable bytes per page (page size minus the reserved bytes at the end of each page). */
  readonly usable: number;
  readonly pageCount: number;

  constructor(private readonly buf: Buffer) {
    if (buf.length < 512 || buf.toString('latin1', 0, 16) !== MAGIC)
      fail('not an SQLite 3 database (bad magic)');
    const raw = buf.readUInt16BE(16);
    this.pageSize = raw === 1 ? 65536 : raw;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) fail(`invalid page size ${raw}`);
    this.usable = this.pageSize - buf[20]!;
    if (this.usable < 480) fail('invalid reserved space per page');
    if (buf.readUInt32BE(56) > 1) fail('the text encoding is UTF-16, which rpm never writes');
    this.pageCount = Math.floor(buf.length / this.pageSize);
    if (this.pageCount === 0) fail('the file holds no whole page');
  }

  private page(n: number): { start: number; headerAt: number } {
    if (!Number.isInteger(n) || n < 1 || n > this.pageCount)
      fail(`page ${n} is out of the file (${this.pageCount} pages)`);
    const start = (n - 1) * this.pageSize;
    return { start, headerAt: n === 1 ? 100 : start };
  }

  /** Every row of the table B-tree rooted at `root`, in rowid order. */
  *rows(root: number): Generator<SqliteRow> {
    const seen = new Set<number>();
    const stack: number[] = [root];
    // Depth-first, left to right: children are pushed in reverse.
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) fail(`page ${n} is reached twice (a cycle in the B-tree)`);
      seen.add(n);
      const { start, headerAt } = this.page(n);
      const type = this.buf[headerAt]!;
      const cells = this.buf.readUInt16BE(headerAt + 3);
      const interior = type === 5;
      if (type !== 5 && type !== 13) fail(`page ${n} is not a table B-tree page (type ${type})`);
      const pointers = headerAt + (interior ? 12 : 8);
      const pageEnd = start + this.pageSize;
      if (pointers + 2 * cells > pageEnd) fail(`page ${n} claims ${cells} cells, more than fit`);
      const cellAt = (i: number): number => {
        const off = this.buf.readUInt16BE(pointers + 2 * i);
        if (off < 8 || off >= this.usable) fail(`page ${n}: cell ${i} points out of the page`);
        return start + off;
      };
      if (interior) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(this.buf.readUInt32BE(cellAt(i)));
        children.push(this.buf.readUInt32BE(headerAt + 8));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
        continue;
      }
      for (let i = 0; i < cells; i++) {
        const at = cellAt(i);
        const end = start + this.usable;
        const [size, a] = smallVarint(this.buf, at, end, 'a payload size');
        const [rowid, b] = varint(this.buf, at + a, end);
        const payload = this.payload(at + a + b, size, end, n);
        yield { rowid, values: decodeRecord(payload, n) };
      }
    }
  }

  /** A cell's payload: the local part, then the overflow chain when it does not fit. */
  private payload(at: number, size: number, end: number, pageNo: number): Buffer {
    const u = this.usable;
    const x = u - 35;
    if (size <= x) {
      if (at + size > end) fail(`page ${pageNo}: a cell runs past the page`);
      return this.buf.subarray(at, at + size);
    }
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((size - m) % (u - 4));
    const local = k <= x ? k : m;
    if (at + local + 4 > end) fail(`page ${pageNo}: a cell runs past the page`);
    const out = Buffer.alloc(size);
    this.buf.copy(out, 0, at, at + local);
    let filled = local;
    let next = this.buf.readUInt32BE(at + local);
    const seen = new Set<number>();
    while (filled < size) {
      if (next === 0) fail(`page ${pageNo}: an overflow chain ends ${size - filled} bytes early`);
      if (seen.has(next)) fail(`page ${pageNo}: the overflow chain loops`);
      seen.add(next);
      const { start } = this.page(next);
      const take = Math.min(u - 4, size - filled);
      this.buf.copy(out, filled, start + 4, start + 4 + take);
      filled += take;
      next = this.buf.readUInt32BE(start);
    }
    return out;
  }

  /** The root page of a table, from sqlite_schema (page 1). */
  tableRoot(name: string): number | undefined {
    for (const row of this.rows(1)) {
      const [type, rowName, , rootpage] = row.values;
      if (type === 'table' && typeof rowName === 'string' && rowName === name) {
        if (typeof rootpage !== 'number' || rootpage < 1) fail(`table ${name} has an invalid root page`);
        return rootpage;
      }
    }
    return undefined;
  }
}

/** Decodes a record: a header of serial types, then the values. */
function decodeRecord(p: Buffer, pageNo: number): SqliteValue[] {
  const [headerSize, h] = smallVarint(p, 0, p.length, 'a record header size');
  if (headerSize > p.length || headerSize < h) fail(`page ${pageNo}: a record header is out of bounds`);
  const types: number[] = [];
  for (let pos = h; pos < headerSize;) {
    const [t, n] = smallVarint(p, pos, headerSize, 'a serial type');
    types.push(t);
    pos += n;
  }
  const values: SqliteValue[] = [];
  let at = headerSize;
  const need = (n: number): number => {
    if (at + n > p.length) fail(`page ${pageNo}: a record value runs past its payload`);
    const s = at;
    at += n;
    return s;
  };
  for (const t of types) {
    switch (t) {
      case 0:
        values.push(null);
        break;
      case 1:
        values.push(p.readInt8(need(1)));
        break;
      case 2:
        values.push(p.readInt16BE(need(2)));
        break;
      case 3:
        values.push(p.readIntBE(need(3), 3));
        break;
      case 4:
        values.push(p.readInt32BE(need(4)));
        break;
      case 5:
        values.push(p.readIntBE(need(6), 6));
        break;
      case 6: {
        const v = p.readBigInt64BE(need(8));
        values.push(
          v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v,
        );
        break;
      }
      case 7:
        values.push(p.readDoubleBE(need(8)));
        break;
      case 8:
        values.push(0);
        break;
      case 9:
        values.push(1);
        break;
      default: {
        if (t < 12) fail(`page ${pageNo}: reserved serial type ${t}`);
        const len = Math.floor((t - 12) / 2);
        const s = need(len);
        values.push(t % 2 === 0 ? p.subarray(s, s + len) : p.toString('utf8', s, s + len));
      }
    }
  }
  return values;
}
