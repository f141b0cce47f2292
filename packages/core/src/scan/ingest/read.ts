import { readFile } from 'node:fs/promises';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';

/*
 * Reading the files a scan is given (reports, an ignore file, VEX documents) with errors that
 * name them. Apart from the report parsers so that a scan loads no schema library to read a file.
 */

/** Reads an input file as text; a missing or unreadable one is an INPUT_INVALID error naming it. */
export async function readInputText(file: string, what: Message, hint: Message): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.ingest.unreadable', {
        what,
        file,
        reason: code === 'ENOENT' ? msg('scan.ingest.noSuchFile') : (code ?? String(e)),
      }),
      { location: { file }, hint },
    );
  }
}

/** Parses JSON text; invalid JSON is an INPUT_INVALID error naming the file. */
export function parseJsonText(text: string, file: string, what: Message): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.ingest.notJson', { what, file, reason: (e as Error).message }),
      {
        location: { file },
        hint: msg('scan.ingest.notJsonHint', { what }),
      },
    );
  }
}
