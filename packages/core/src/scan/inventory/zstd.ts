import { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';

type ZlibWithZstd = typeof zlib & { createZstdDecompress?: () => Transform };

/**
 * A zstd decompressing stream: Node's own (22.15 and newer) when present, else fzstd's streaming
 * decoder (pure JavaScript, memory bounded by the frame's window), so Node 20 reads zstd layers too.
 */
export function createZstdDecompress(): Transform {
  const native = (zlib as ZlibWithZstd).createZstdDecompress;
  if (typeof native === 'function') return native();
  const out: Transform = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        decoder.push(chunk);
        cb();
      } catch (error) {
        cb(error as Error);
      }
    },
    flush(cb) {
      try {
        decoder.push(new Uint8Array(0), true);
        cb();
      } catch (error) {
        cb(error as Error);
      }
    },
  });
  const decoder = new Decompress((chunk) => {
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  return out;
}
