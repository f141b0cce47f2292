import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { printable } from './printable.js';
import { ZipReader } from './zip.js';

/*
 * Where OSV records come from: the per-ecosystem zip dumps (`<Ecosystem>/all.zip` of the OSV
 * bucket), single JSON files (one record, an array of records, or an OSV API answer
 * `{"vulns": [...]}`), and folders of both (walked recursively). Each raw record comes with the
 * name of its source for error messages: `all.zip:DSA-5001-1.json`, `records/GHSA-x.json`.
 */

export interface RawRecord {
  readonly source: string;
  readonly data: unknown;
}

export type SourceProblem = { readonly source: string; readonly error: QuaiError };

export interface SourceVisitor {
  record(raw: RawRecord): Promise<void> | void;
  problem(problem: SourceProblem): void;
  /** Called once per file or zip entry read, for progress. */
  progress?(done: number, total: number | undefined, source: string): void;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.osv.notJson', { source, reason: (error as Error).message }),
      {
        hint: msg('scan.osv.notJsonHint'),
        location: { file: source },
      },
    );
  }
}

function recordsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (typeof data === 'object' && data !== null && 'vulns' in data && Array.isArray(data.vulns)) {
    return (data as { vulns: unknown[] }).vulns;
  }
  return [data];
}

async function visitJson(text: string, source: string, visitor: SourceVisitor): Promise<void> {
  let data: unknown;
  try {
    data = parseJson(text, source);
  } catch (error) {
    visitor.problem({ source, error: error as QuaiError });
    return;
  }
  const list = recordsOf(data);
  for (const [i, item] of list.entries()) {
    await visitor.record({
      source: list.length === 1 && !Array.isArray(data) ? source : `${source}[${i}]`,
      data: item,
    });
  }
}

async function visitZip(file: string, visitor: SourceVisitor): Promise<void> {
  const zip = await ZipReader.open(file);
  try {
    const entries = zip.entries.filter((e) => e.name.endsWith('.json') && !e.name.endsWith('/'));
    let done = 0;
    for (const entry of entries) {
      const source = `${printable(basename(file))}:${printable(entry.name)}`;
      try {
        const data = await zip.read(entry);
        await visitJson(data.toString('utf8'), source, visitor);
      } catch (error) {
        if (!(error instanceof QuaiError)) throw error;
        visitor.problem({ source, error });
      }
      visitor.progress?.(++done, entries.length, source);
    }
  } finally {
    await zip.close();
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const items = await readdir(d, { withFileTypes: true });
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const item of items) {
      const p = join(d, item.name);
      if (item.isDirectory()) await walk(p);
      else if (item.isFile() && (item.name.endsWith('.json') || item.name.endsWith('.zip'))) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

/** Reads every record of one input (zip, JSON file or folder), reporting bad ones to the visitor. */
export async function visitSource(path: string, visitor: SourceVisitor): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new QuaiError('INPUT_INVALID', msg('scan.osv.noSuchSource', { path: printable(path) }), {
      hint: msg('scan.osv.noSuchSourceHint'),
      location: { file: path },
    });
  }
  if (info.isDirectory()) {
    const files = await listFiles(path);
    let done = 0;
    for (const file of files) {
      const source = printable(relative(path, file) || basename(file));
      if (file.endsWith('.zip')) {
        // In a folder, an unreadable archive is one bad source among others.
        try {
          await visitZip(file, visitor);
        } catch (error) {
          if (!(error instanceof QuaiError)) throw error;
          visitor.problem({ source, error });
        }
      } else await visitJson(await readFile(file, 'utf8'), source, visitor);
      visitor.progress?.(++done, files.length, source);
    }
    return;
  }
  if (path.endsWith('.zip')) return visitZip(path, visitor);
  const name = printable(basename(path));
  await visitJson(await readFile(path, 'utf8'), name, visitor);
  visitor.progress?.(1, 1, name);
}
