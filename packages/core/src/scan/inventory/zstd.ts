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
  if (typeof native === 'function') {
    // Node's errors name zstd's internals ("Unknown frame descriptor"): the same words on every
    // Node version, with the detail kept.
    const stream = native();
    const emit = stream.emit.bind(stream) as (event: string | symbol, ...args: unknown[]) => boolean;
    stream.emit = ((event: string | symbol, ...args: unknown[]) =>
      event === 'error' ? emit('error', zstdError(args[0])) : emit(event, ...args)) as typeof stream.emit;
    return stream;
  }
  const out: Transform = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        decoder.push(chunk);
        cb();
      } catch (error) {
        cb(zstdError(error));
      }
    },
    flush(cb) {
      try {
        decoder.push(new Uint8Array(0), true);
        cb();
      } catch (error) {
        cb(zstdError(error));
      }
    },
  });
  const decoder = new Decompress((chunk) => {
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  return out;
}

function zstdError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(/invalid zstd data/.test(message) ? message : `invalid zstd data (${message})`);
}
