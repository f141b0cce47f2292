import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { msg } from '@quai/contracts';
import {
  encodeGoBuildInfo,
  GoBinaryError,
  goBuildInfoFromStream,
  isElf,
  readGoBuildInfo,
  type ReadAt,
} from './gobinary.js';
import { encodeJavaSummary, JAVA_ARCHIVE, scanJavaArchive } from './java.js';
import type { EntryConsumer } from './tar.js';

/*
 * The two kinds of files read by content rather than by path: Go executables (any executable
 * ELF file) and Java archives (by extension). What the view keeps of them is small: the Go build
 * information as an inline-format blob, or a summary of the Maven coordinates found. Problems in
 * one file become warnings in the result, never a failed image.
 */

/** Below this an executable cannot be a Go binary (the smallest are ~1 MiB). */
const MIN_GO_BINARY = 64 * 1024;

function isExecutable(mode: number): boolean {
  return (mode & 0o111) !== 0;
}

function goWarning(location: string, error: unknown): Buffer {
  const why = error instanceof Error ? error.message : String(error);
  return encodeJavaSummary({
    artifacts: [],
    warnings: [msg('scan.inventory.goBuildInfoNotRead', { location, reason: why })],
  });
}

/** The consumer of a layer entry, or undefined when its content does not matter. */
export function contentConsumer(path: string, size: number, mode: number): EntryConsumer | undefined {
  const location = `/${path}`;
  if (JAVA_ARCHIVE.test(path)) {
    return async (body) => {
      try {
        return encodeJavaSummary(await scanJavaArchive(body, location));
      } catch (error) {
        return encodeJavaSummary({
          artifacts: [],
          warnings: [msg('scan.inventory.fileUnreadable', { location, reason: (error as Error).message })],
        });
      }
    };
  }
  if (isExecutable(mode) && size >= MIN_GO_BINARY) {
    return async (body) => {
      // Only ELF files go further; the first chunk tells.
      const it = body[Symbol.asyncIterator]();
      const first = await it.next();
      if (first.done === true || !isElf(first.value)) return undefined;
      async function* rest(): AsyncGenerator<Buffer> {
        yield first.value as Buffer;
        for (;;) {
          const n = await it.next();
          if (n.done === true) return;
          yield n.value;
        }
      }
      try {
        const info = await goBuildInfoFromStream(rest());
        return info === undefined ? undefined : encodeGoBuildInfo(info);
      } catch (error) {
        if (!(error instanceof GoBinaryError)) throw error;
        return goWarning(location, error);
      }
    };
  }
  return undefined;
}

/** The same for a file of a root filesystem (random access for Go binaries). */
export async function readFileContent(
  file: string,
  path: string,
  size: number,
  mode: number,
): Promise<Buffer | undefined> {
  const location = `/${path}`;
  if (JAVA_ARCHIVE.test(path)) {
    try {
      return encodeJavaSummary(await scanJavaArchive(createReadStream(file), location));
    } catch (error) {
      return encodeJavaSummary({
        artifacts: [],
        warnings: [msg('scan.inventory.fileUnreadable', { location, reason: (error as Error).message })],
      });
    }
  }
  if (!isExecutable(mode) || size < MIN_GO_BINARY) return undefined;
  const fh = await open(file, 'r').catch(() => undefined);
  if (fh === undefined) return undefined;
  try {
    const read: ReadAt = async (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
      return buf.subarray(0, bytesRead);
    };
    if (!isElf(await read(0, 4))) return undefined;
    const info = await readGoBuildInfo(read, true);
    return info === undefined ? undefined : encodeGoBuildInfo(info);
  } catch (error) {
    if (!(error instanceof GoBinaryError)) throw error;
    return goWarning(location, error);
  } finally {
    await fh.close();
  }
}
