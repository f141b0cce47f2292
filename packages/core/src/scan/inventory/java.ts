import { inflateRawSync } from 'node:zlib';
import { msg } from '@quai/contracts';
import type { FoundPackage, ParseResult, ScanWarning } from './parsers.js';

/*
 * Java archives (.jar, .war, .ear and the other zip-based Java packagings): the Maven coordinates
 * in META-INF/maven/<group>/<artifact>/pom.properties, the MANIFEST.MF main attributes when no
 * pom.properties is there, and the archives nested inside (WEB-INF/lib, BOOT-INF/lib, ...), down to
 * a few levels.
 *
 * The archive is read front to back from a stream, by its local file headers, so a layer never has
 * to be buffered: an entry is skipped by its size, or, when its size comes only after it (the data
 * descriptor the `jar` tool and ZipOutputStream write, flag bit 3), by inflating it to find where
 * its deflate stream ends. Memory is bounded by the largest entry inflated (MAX_ENTRY), not by the
 * archive: nested stored archives are read as sub-streams; nested deflated ones are inflated in
 * memory within the cap.
 */

export interface JavaArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  /** Where it was found: the archive path, nested archives after `!/`. */
  readonly location: string;
  readonly from: 'pom.properties' | 'MANIFEST.MF';
}

export interface JavaScanResult {
  readonly artifacts: JavaArtifact[];
  readonly warnings: ScanWarning[];
}

export const JAVA_ARCHIVE = /\.(jar|war|ear|par|sar|jpi|hpi|kar|rar|nar)$/i;
const MAX_ENTRY = 64 * 1024 * 1024;
const MAX_DEPTH = 4;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;

class ZipStreamError extends Error {}

/** A pull reader over a chunk stream, with look-ahead. */
class Pull {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  /** Up to n bytes without consuming them (fewer at the end of the stream). */
  async peek(n: number): Promise<Buffer> {
    while (this.length < n && !this.done) {
      const next = await this.it.next();
      if (next.done === true) this.done = true;
      else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.length += next.value.length;
      }
    }
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, n);
  }

  async read(n: number): Promise<Buffer> {
    const b = await this.peek(n);
    if (b.length < n) throw new ZipStreamError('the archive is truncated');
    this.consume(n);
    return b;
  }

  consume(n: number): void {
    const all = this.chunks[0]!;
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
  }

  /** Exactly n bytes as a sub-stream (for a nested stored archive), consumed as they are read. */
  async *take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      const b = await this.peek(Math.min(left, 1 << 20));
      if (b.length === 0) throw new ZipStreamError('the archive is truncated');
      const step = Math.min(b.length, left);
      const out = Buffer.from(b.subarray(0, step));
      this.consume(step);
      left -= step;
      yield out;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const chunk of this.take(n)) void chunk;
  }
}

/** Inflates a deflate stream of unknown length at the reader's position; consumes exactly it. */
async function inflateUnknown(r: Pull): Promise<Buffer> {
  for (let window = 64 * 1024; ; window *= 2) {
    const data = await r.peek(window);
    try {
      const { buffer, engine } = inflateRawSync(data, {
        info: true,
        maxOutputLength: MAX_ENTRY,
      }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
      r.consume(engine.bytesWritten);
      return buffer;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_OUT_OF_RANGE')
        throw new ZipStreamError(`an entry inflates to more than ${MAX_ENTRY} bytes`);
      if (code !== 'Z_BUF_ERROR' || data.length < window) {
        throw new ZipStreamError(
          data.length < window
            ? 'the archive is truncated'
            : `bad deflate data (${(error as Error).message})`,
        );
      }
      if (window >= MAX_ENTRY)
        throw new ZipStreamError(`an entry is larger than ${MAX_ENTRY} bytes compressed`);
    }
  }
}

function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m !== null) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

/** The main section of a manifest (continuation lines start with one space). */
function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last !== undefined) {
      out.set(last, out.get(last)! + line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    out.set(last, line.slice(colon + 1).trim());
  }
  return out;
}

/** Maven coordinates from a manifest, as Trivy derives them; undefined when one is missing. */
function fromManifest(
  m: Map<string, string>,
): { groupId: string; artifactId: string; version: string } | undefined {
  const symbolic = m.get('Bundle-SymbolicName')?.split(';')[0]?.trim();
  const groupId =
    m.get('Implementation-Vendor-Id') ??
    (symbolic !== undefined && symbolic.lastIndexOf('.') > 0
      ? symbolic.slice(0, symbolic.lastIndexOf('.'))
      : undefined);
  const artifactId = m.get('Implementation-Title') ?? m.get('Specification-Title') ?? m.get('Bundle-Name');
  const version =
    m.get('Implementation-Version') ?? m.get('Specification-Version') ?? m.get('Bundle-Version');
  if (groupId === undefined || artifactId === undefined || version === undefined) return undefined;
  // Titles are free text; a coordinate has no spaces.
  if (/\s/.test(groupId + artifactId + version)) return undefined;
  return { groupId, artifactId, version };
}

const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;

/** Reads one archive from a stream; nested archives are read recursively. */
async function scanArchive(
  body: AsyncIterable<Buffer>,
  location: string,
  depth: number,
  out: JavaScanResult,
): Promise<void> {
  const r = new Pull(body[Symbol.asyncIterator]());
  const fromPoms: JavaArtifact[] = [];
  let manifest: Map<string, string> | undefined;
  try {
    for (;;) {
      const sig = await r.peek(4);
      if (sig.length < 4 || sig.readUInt32LE(0) !== LOCAL_SIG) break; // central directory, or the end
      const h = await r.read(30);
      const flags = h.readUInt16LE(6);
      const method = h.readUInt16LE(8);
      let csize = h.readUInt32LE(18);
      let usize = h.readUInt32LE(22);
      const name = (await r.read(h.readUInt16LE(26))).toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1');
      const extra = await r.read(h.readUInt16LE(28));
      let zip64 = false;
      for (let p = 0; p + 4 <= extra.length;) {
        const id = extra.readUInt16LE(p);
        const len = extra.readUInt16LE(p + 2);
        if (id === 1 && p + 4 + len <= extra.length) {
          zip64 = true;
          let q = p + 4;
          if (usize === 0xffffffff && q + 8 <= p + 4 + len) {
            usize = Number(extra.readBigUInt64LE(q));
            q += 8;
          }
          if (csize === 0xffffffff && q + 8 <= p + 4 + len) csize = Number(extra.readBigUInt64LE(q));
        }
        p += 4 + len;
      }
      if (method !== 0 && method !== 8)
        throw new ZipStreamError(`entry "${name}" uses compression method ${method}`);
      const deferred = (flags & 8) !== 0;
      const nested = JAVA_ARCHIVE.test(name) && depth < MAX_DEPTH;
      const wanted = POM_PROPERTIES.test(name) || name === 'META-INF/MANIFEST.MF';
      if (deferred && method === 0)
        throw new ZipStreamError(
          `entry "${name}" is stored with a data descriptor, which a stream cannot delimit`,
        );
      let content: Buffer | undefined;
      if (!deferred) {
        if (nested && method === 0) {
          const sub = r.take(csize);
          await scanArchive(sub, `${location}!/${name}`, depth + 1, out);
          for await (const rest of sub) void rest; // what the nested reader left (its central directory)
        } else if (wanted || nested) {
          if (csize > MAX_ENTRY || usize > MAX_ENTRY) {
            out.warnings.push(msg('scan.inventory.javaEntryTooLarge', { location, name, size: usize }));
            await r.skip(csize);
          } else {
            const raw = await r.read(csize);
            content = method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: MAX_ENTRY });
          }
        } else {
          await r.skip(csize);
        }
      } else {
        content = await inflateUnknown(r);
        const d = await r.peek(4);
        if (d.length === 4 && d.readUInt32LE(0) === DESCRIPTOR_SIG) r.consume(4);
        await r.read(zip64 ? 20 : 12);
        if (!wanted && !nested) content = undefined;
      }
      if (content === undefined) continue;
      if (nested) {
        const one = content;
        await scanArchive(
          (async function* () {
            yield await Promise.resolve(one);
          })(),
          `${location}!/${name}`,
          depth + 1,
          out,
        );
      } else if (name === 'META-INF/MANIFEST.MF') manifest = parseManifest(content.toString('utf8'));
      else {
        const p = parseProperties(content.toString('utf8'));
        const groupId = p.get('groupId');
        const artifactId = p.get('artifactId');
        const version = p.get('version');
        if (groupId && artifactId && version)
          fromPoms.push({ groupId, artifactId, version, location, from: 'pom.properties' });
        else out.warnings.push(msg('scan.inventory.javaNoCoordinates', { location, name }));
      }
    }
  } catch (error) {
    if (
      !(error instanceof ZipStreamError) &&
      (error as NodeJS.ErrnoException).code?.startsWith('Z_') !== true
    )
      throw error;
    out.warnings.push(msg('scan.inventory.javaArchiveCut', { location, reason: (error as Error).message }));
  }
  if (fromPoms.length > 0) out.artifacts.push(...fromPoms);
  else if (manifest !== undefined) {
    const c = fromManifest(manifest);
    if (c !== undefined) out.artifacts.push({ ...c, location, from: 'MANIFEST.MF' });
  }
}

/** Reads a Java archive from a stream of its bytes. */
export async function scanJavaArchive(
  body: AsyncIterable<Buffer>,
  location: string,
): Promise<JavaScanResult> {
  const out: JavaScanResult = { artifacts: [], warnings: [] };
  await scanArchive(body, location, 0, out);
  return out;
}

/** What a layer keeps of a Java archive: a small summary, recognised by this prefix. */
export const JAVA_SUMMARY_PREFIX = Buffer.from('\0quai-java-archive-summary\n', 'latin1');

export function encodeJavaSummary(result: JavaScanResult): Buffer {
  return Buffer.concat([JAVA_SUMMARY_PREFIX, Buffer.from(JSON.stringify(result), 'utf8')]);
}

export function isJavaSummary(data: Buffer): boolean {
  return (
    data.length > JAVA_SUMMARY_PREFIX.length &&
    data.subarray(0, JAVA_SUMMARY_PREFIX.length).equals(JAVA_SUMMARY_PREFIX)
  );
}

/** The inventory parser of a summary: Maven packages named `groupId:artifactId`, as OSV names them. */
export function parseJavaSummary(data: Buffer, location: string): ParseResult {
  let result: JavaScanResult;
  try {
    result = JSON.parse(data.subarray(JAVA_SUMMARY_PREFIX.length).toString('utf8')) as JavaScanResult;
  } catch {
    return { packages: [], warnings: [msg('scan.inventory.javaSummaryUnreadable', { location })] };
  }
  const packages: FoundPackage[] = result.artifacts.map((a) => ({
    kind: 'maven' as const,
    name: `${a.groupId}:${a.artifactId}`,
    version: a.version,
    location: a.location,
  }));
  return { packages, warnings: result.warnings };
}
