import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { UsageError } from './errors.ts';

/**
 * Outcome data files as the CLI reads them: which kind a file holds (told apart by its header),
 * whether it starts with a spreadsheet's `sep=` line (skipped on upload), and where each data row
 * of the file is, so that the upload's row problems can be named `file:line`.
 */
export interface DataFile {
  file: string;
  kind: 'claims' | 'results';
  /** Bytes left out of the upload: a BOM and a `sep=,` line (a comma is what the upload reads anyway). */
  skipBytes: number;
  /** The file starts with a `sep=` line: data row 1 is line 3, not line 2. */
  sepLine: boolean;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads a data file's first line(s) only, and tells its kind from the header; a file whose header
 * names neither kind is refused. A `sep=,` line is left out of the upload; a line naming another
 * separator is uploaded as it is, for the service to read (or refuse, naming the header).
 */
export function inspectDataFile(file: string): DataFile {
  const head = readHead(file);
  let offset = head.startsWith('\uFEFF') ? 1 : 0;
  const firstLine = lineAt(head, offset);
  const sep = /^"?sep=(.?)"?\r?$/i.exec(firstLine);
  let skip = false;
  if (sep) {
    offset += firstLine.length + 1;
    skip = sep[1] === ',';
  }
  const header = lineAt(head, offset).toLowerCase();
  if (!header.trim()) throw new UsageError(`--data ${file}: no header row (participant_ref,… for claims, metric,… for results)`);
  const kind = header.includes('participant_ref') ? 'claims' : header.includes('metric') ? 'results' : undefined;
  if (!kind) throw new UsageError(`--data ${file}: the header names neither participant claims (participant_ref,…) nor aggregate results (metric,…)`);
  return { file, kind, skipBytes: skip ? Buffer.byteLength(head.slice(0, offset), 'utf8') : 0, sepLine: sep !== null };
}

function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function lineAt(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end === -1 ? undefined : end);
}

/**
 * The line of the file on which each of the given data rows starts (row 0 = the header, row 1 =
 * the first data row), counting as the upload's parser does: empty lines are skipped, a quoted
 * field may span lines, a `sep=` line is not a row. Reads the file only as far as the last row asked.
 */
export async function lineNumbersOfRows(data: DataFile, rows: readonly number[]): Promise<Map<number, number>> {
  const wanted = new Set(rows);
  const found = new Map<number, number>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  let line = 1;
  let row = data.sepLine ? -2 : -1; // the index of the record being read; the header is row 0
  let atStart = true;
  let quoted = false;
  let first = true;
  const stream = createReadStream(data.file, { encoding: 'utf8' });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (first) {
          first = false;
          if (c === 0xfeff) continue;
        }
        if (atStart) {
          if (c === 10) { line++; continue; }
          if (c === 13) continue;
          atStart = false;
          row++;
          if (wanted.has(row)) found.set(row, line);
          if (row >= last) return found;
        }
        if (c === 34) quoted = !quoted;
        else if (c === 10) {
          line++;
          if (!quoted) atStart = true;
        }
      }
    }
  } finally {
    stream.destroy();
  }
  return found;
}
