/**
 * A small POSIX tar (ustar) writer for image layers made of a few files: the pause image and the
 * files Quai adds to Debian root filesystems. Entries are written in the order given, owned by
 * root (or the given ids), with a fixed modification time so that the same files give the same
 * bytes and so the same layer digest.
 */

export interface TarEntry {
  /** Path inside the archive, without a leading slash ("usr/bin/pause"). */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly content?: Buffer | string;
  /** Target of a symlink. */
  readonly target?: string;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(entry: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  let name = entry.path + (entry.type === 'dir' && !entry.path.endsWith('/') ? '/' : '');
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
      throw new Error(`tar: path too long for ustar: ${entry.path}`);
    }
  }
  h.write(name, 0, 100, 'utf8');
  const mode = entry.mode ?? (entry.type === 'dir' ? 0o755 : entry.type === 'symlink' ? 0o777 : 0o644);
  h.write(octal(mode, 8), 100, 8, 'ascii');
  h.write(octal(entry.uid ?? 0, 8), 108, 8, 'ascii');
  h.write(octal(entry.gid ?? 0, 8), 116, 8, 'ascii');
  h.write(octal(size, 12), 124, 12, 'ascii');
  h.write(octal(0, 12), 136, 12, 'ascii'); // mtime: the epoch, for reproducible layers
  h.write('        ', 148, 8, 'ascii'); // checksum placeholder
  h.write(entry.type === 'dir' ? '5' : entry.type === 'symlink' ? '2' : '0', 156, 1, 'ascii');
  if (entry.type === 'symlink') h.write(entry.target ?? '', 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 8, 'ascii');
  h.write('root', 265, 32, 'ascii');
  h.write('root', 297, 32, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return h;
}

/** The archive's bytes: each entry, then the two zero blocks that end a tar. */
export function tarArchive(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content =
      entry.type === 'file'
        ? Buffer.isBuffer(entry.content)
          ? entry.content
          : Buffer.from(entry.content ?? '', 'utf8')
        : Buffer.alloc(0);
    parts.push(header(entry, content.length), content);
    const pad = (BLOCK - (content.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}
