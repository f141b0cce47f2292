import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isMap, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import type { AuditNote, AuditObject, FieldPath, ObjectSource } from './types.js';
import { asJson } from './workloads.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface LoadResult {
  readonly objects: AuditObject[];
  /** Malformed documents, unreadable files: the rest is still loaded. */
  readonly notes: AuditNote[];
}

function nodeAt(doc: Document, path: FieldPath): Node | undefined {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else return undefined;
    if (node === undefined || node === null) return undefined;
  }
  return node as Node;
}

interface LocatorCache {
  start: number;
  doc: Document | undefined;
}

/**
 * Field positions are found on demand by parsing the document's text again, the last one kept:
 * keeping every parsed Document would cost several times the objects' own memory. Built outside
 * the loading loop so that its closure holds no parsed Document.
 */
function makeLocator(
  text: string,
  lineCounter: LineCounter,
  cache: LocatorCache,
  sliceStart: number,
  sliceEnd: number,
): (prefix: FieldPath) => (path: FieldPath) => { line: number; column: number } {
  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return (prefix) => (path) => {
    if (cache.start !== sliceStart || cache.doc === undefined) {
      cache.start = sliceStart;
      cache.doc = parseDocument(text.slice(sliceStart, sliceEnd), { prettyErrors: false, uniqueKeys: false });
    }
    const full = [...prefix, ...path];
    for (let n = full.length; n >= 0; n--) {
      const start = nodeAt(cache.doc, full.slice(0, n))?.range?.[0];
      if (start !== undefined) return pos(sliceStart + start);
    }
    return pos(sliceStart);
  };
}

/**
 * Parses a multi-document YAML (or JSON) text into objects that remember their file, line and
 * column. A malformed document becomes a note with its position; the others are still returned.
 * `List` documents are expanded into their items.
 */
export function loadManifestText(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const objects: AuditObject[] = [];
  const notes: AuditNote[] = [];
  const cache: LocatorCache = { start: -1, doc: undefined };
  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const doc of list) {
    const error = doc.errors[0];
    if (error !== undefined) {
      const where = pos(error.pos[0]);
      notes.push({
        kind: 'input-error',
        message: `Cannot read document: ${error.message.split('\n')[0] ?? error.message}`,
        file,
        ...where,
        hint:
          error.code === 'DUPLICATE_KEY'
            ? 'Remove or rename one of the duplicate keys; YAML allows each key once per mapping.'
            : 'Fix the YAML syntax at that position (indentation, quoting, a missing colon); the other documents were audited.',
      });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    } catch (e) {
      const where = pos(doc.contents?.range?.[0] ?? 0);
      notes.push({ kind: 'input-error', message: `Cannot read document: ${String(e)}`, file, ...where });
      continue;
    }
    if (value === null || value === undefined) continue;
    const lineOf = lineCounter.linePos(doc.range[0]);
    const locate = makeLocator(
      text,
      lineCounter,
      cache,
      lineCounter.lineStarts[lineOf.line - 1] ?? 0,
      doc.range[2],
    );
    const add = (v: unknown, prefix: FieldPath): void => {
      const o = asJson(v);
      const start = (nodeAt(doc, prefix) ?? doc.contents)?.range?.[0] ?? 0;
      const where = pos(start);
      if (o === undefined) {
        notes.push({
          kind: 'input-error',
          message: 'This document is not a Kubernetes object (a mapping with apiVersion and kind).',
          file,
          ...where,
          hint: 'Each YAML document must be a mapping such as `apiVersion: v1`, `kind: ConfigMap`, `metadata: {name: ...}`.',
        });
        return;
      }
      const kind = o['kind'];
      const apiVersion = o['apiVersion'];
      if (typeof kind !== 'string' || typeof apiVersion !== 'string' || kind === '' || apiVersion === '') {
        notes.push({
          kind: 'input-error',
          message: `This document has no ${typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion' : 'kind'}.`,
          file,
          ...where,
          hint: 'Add `apiVersion` and `kind` (for example `apiVersion: apps/v1` and `kind: Deployment`).',
        });
        return;
      }
      if (kind.endsWith('List') && Array.isArray(o['items'])) {
        (o['items'] as unknown[]).forEach((item, i) => add(item, [...prefix, 'items', i]));
        return;
      }
      const metadata = asJson(o['metadata']) ?? {};
      const source: ObjectSource = { file, ...where, locate: locate(prefix) };
      objects.push({ object: { ...o, apiVersion, kind, metadata }, source });
    };
    add(value, []);
  }
  return { objects, notes };
}

async function listFiles(path: string, out: string[], notes: AuditNote[]): Promise<void> {
  const st = await stat(path);
  if (!st.isDirectory()) {
    out.push(path);
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(path, e.name);
    if (e.isDirectory()) await listFiles(full, out, notes);
    else if (MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(full);
  }
}

/**
 * Loads manifests from files and folders (recursively: *.yaml, *.yml, *.json). A path that does
 * not exist or cannot be read is a note, not an exception: the other inputs are still audited.
 */
export async function loadManifestPaths(paths: readonly string[]): Promise<LoadResult> {
  const objects: AuditObject[] = [];
  const notes: AuditNote[] = [];
  for (const p of paths) {
    const files: string[] = [];
    try {
      await listFiles(p, files, notes);
    } catch (e) {
      notes.push({
        kind: 'input-error',
        message: `Cannot read "${p}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(e)}`,
        file: p,
        hint: 'Check the path; folders are read recursively for *.yaml, *.yml and *.json files.',
      });
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        notes.push({ kind: 'input-error', message: `Cannot read "${file}": ${String(e)}`, file });
        continue;
      }
      const r = loadManifestText(text, file);
      objects.push(...r.objects);
      notes.push(...r.notes);
    }
  }
  return { objects, notes };
}
