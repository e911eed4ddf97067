import { createHash } from 'node:crypto';
import { finished, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RawRow } from '../../domain/measurement/rows.ts';
import { printable, unstorableText } from '../../domain/measurement/storable-text.ts';
import { ApiError, type FieldProblem } from '../errors/api-error.ts';
import { limitStream } from '../middleware/body-limit.ts';
import {
  dateColumns, describeSeparator, excelSepLine, joinedBy, type Locale, localeDate, localeNumber, numericColumns, type Separator,
  separatorNames, sniffSeparator,
} from './dialect.ts';

/**
 * Turns an upload body into rows, one at a time, while hashing the exact bytes received. CSV is
 * parsed as a stream (csv-parse), so a file of a million rows never sits in memory. The text is
 * decoded as the upload declares (UTF-8 by default, strictly: a byte that is not UTF-8 refuses the
 * file naming its line), its separator is read from Excel's `sep=` line or sniffed from the header,
 * and numbers and dates written in a locale are turned into canonical text before the row checks.
 */
export interface UploadSource {
  rows: AsyncIterable<SourceRow>;
  /**
   * The same rows, a batch at a time (CSV: as many as the parser has ready, up to ROW_BATCH), for
   * readers of millions of rows (one await per batch, not per row). Read `rows` or `batches`, not both.
   */
  batches?: AsyncIterable<SourceRow[]>;
  /** `sha256:<hex>` of the body bytes; available once `rows` has been consumed. */
  digest(): string;
  /** How the body was read (`charset=utf-8; separator=semicolon; locale=fr-FR`), once `rows` has started. */
  dialect?(): string | undefined;
  /** The header's column names as read (lower-cased), once `rows` has read it (CSV and XLSX). */
  header?(): readonly string[] | undefined;
}

export interface SourceRow {
  rowNumber: number;
  raw: RawRow;
  /** Set when the row cannot be read as a record (e.g. wrong number of fields). */
  unreadable?: string;
}

export interface CsvSourceOptions {
  maxBytes: number;
  columns: readonly string[];
  required: readonly string[];
  /** The declared encoding; undefined: UTF-8, strictly (a UTF-16 byte order mark is honoured too). */
  charset?: 'utf-8' | 'windows-1252' | 'iso-8859-15' | undefined;
  /** A separator the upload names; undefined: Excel's `sep=` line, else sniffed from the header. */
  separator?: Separator | undefined;
  /** Numbers and dates written in this locale (decimal comma, thousands separators, dd/mm/yyyy). */
  locale?: Locale | undefined;
}

const empty = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });

/** The body, capped and hashed as it streams by. */
export function hashedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number) {
  const hash = createHash('sha256');
  let digest: string | undefined;
  const hashing = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      digest = `sha256:${hash.digest('hex')}`;
    },
  });
  const bytes = (body ?? empty()).pipeThrough(limitStream(maxBytes)).pipeThrough(hashing);
  const input = Readable.fromWeb(bytes as never) as Readable;
  // A body that fails (a dropped connection, the size limit) fails whoever is reading it; the
  // stream itself must not also raise the error with no one listening (when reading stopped early).
  input.on('error', () => {});
  return {
    input,
    digest: () => {
      if (!digest) throw new Error('digest requested before the body was read');
      return digest;
    },
  };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** Offset of the first byte in `buf` (from `start`) that is not well-formed UTF-8; -1 if none (an unfinished last sequence is not counted unless `final`). */
function invalidUtf8At(buf: Uint8Array, start: number, final: boolean): number {
  let i = start;
  while (i < buf.length && (buf[i]! & 0xc0) === 0x80) i++; // continuation bytes of a sequence already checked
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number; let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; } else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; } else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      if (i + k >= buf.length) return final ? i : -1;
      const c = buf[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function countLines(buf: Uint8Array, end = buf.length): number {
  let n = 0;
  let p = -1;
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  while ((p = b.indexOf(10, p + 1)) !== -1 && p < end) n++;
  return n;
}

const dataRowOf = (line: number, headerLine: number) => Math.max(0, line - headerLine);

function encodingProblem(code: 'unsupported_media_type' | 'validation_failed', line: number, headerLine: number, detail: string, message: string): ApiError {
  const row = dataRowOf(line, headerLine);
  const where = row === 0 ? `on line ${line} (the header)` : `on line ${line} of the file (data row ${row})`;
  return new ApiError(code, `${detail} ${where}; nothing was stored. ${message}`, {
    errors: [{ location: 'csv', path: `rows[${row}]`, row, column: 'row', message: `${detail} ${where}` }],
  });
}

const declareHint =
  'If the file was saved by Excel as "CSV (separator…)" it is most likely Windows-1252: declare it with ' +
  '`Content-Type: text/csv; charset=windows-1252` or `?charset=windows-1252` (also iso-8859-1, iso-8859-15), or save it as "CSV UTF-8".';

/**
 * The body's text as UTF-8 bytes. UTF-8 (the default) is checked, not converted: the bytes go on
 * unchanged to csv-parse (the fast path); a declared single-byte encoding is decoded with
 * TextDecoder and re-encoded. Nothing decoded here can contain U+FFFD unless the file itself did,
 * and such a file is refused.
 */
async function* utf8Bytes(input: AsyncIterable<Buffer>, charset: CsvSourceOptions['charset'], report: (used: string) => void): AsyncGenerator<Buffer> {
  let first = true;
  let headerLine = 1;
  let strict: InstanceType<typeof TextDecoder> | undefined;
  let convert: InstanceType<typeof TextDecoder> | undefined;
  let line = 1; // line number at the start of the current chunk (strict mode)
  let tail: Buffer = Buffer.alloc(0); // last bytes of the previous chunk (strict mode)
  for await (const chunk of input) {
    if (chunk.length === 0) continue;
    if (first) {
      first = false;
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : undefined;
      const utf8Bom = chunk.subarray(0, 3).equals(UTF8_BOM);
      if (charset && charset !== 'utf-8' && (utf8Bom || utf16)) {
        throw new ApiError('unsupported_media_type',
          `The upload declares charset=${charset} but the file starts with a ${utf16 ? 'UTF-16' : 'UTF-8'} byte order mark; nothing was stored. Remove the charset (the mark says the encoding) or re-save the file.`);
      }
      if (utf16) {
        convert = new TextDecoder(utf16, { fatal: true });
        report(utf16);
      } else if (charset && charset !== 'utf-8') {
        convert = new TextDecoder(charset);
        report(charset);
      } else {
        strict = new TextDecoder('utf-8', { fatal: true });
        report('utf-8');
        if (/^"?sep=/i.test(chunk.subarray(utf8Bom ? 3 : 0, 8).toString('latin1'))) headerLine = 2;
      }
    }
    if (strict) {
      try {
        strict.decode(chunk, { stream: true });
      } catch {
        const joined = Buffer.concat([tail, chunk]);
        let at = invalidUtf8At(joined, 0, false);
        if (at < 0) at = tail.length;
        const byte = joined[at]!;
        const lineOfByte = at < tail.length ? line - countLines(tail.subarray(at)) : line + countLines(chunk, at - tail.length);
        throw encodingProblem('unsupported_media_type', lineOfByte, headerLine,
          `The file is not valid UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} is not part of a UTF-8 character`, declareHint);
      }
      const withTail = tail.length > 0 ? Buffer.concat([tail, chunk.subarray(0, 2)]) : undefined;
      const replacement = chunk.indexOf(REPLACEMENT);
      if (replacement !== -1 || (withTail && withTail.indexOf(REPLACEMENT) !== -1)) {
        throw encodingProblem('validation_failed', line + (replacement === -1 ? 0 : countLines(chunk, replacement)), headerLine,
          'The file contains U+FFFD, the replacement character left where a conversion lost a character,',
          'Fix the damaged text (it cannot be recovered from this file) and upload again.');
      }
      line += countLines(chunk);
      tail = chunk.subarray(Math.max(0, chunk.length - 3));
      yield chunk;
    } else {
      let text: string;
      try {
        text = convert!.decode(chunk, { stream: true });
      } catch {
        throw new ApiError('unsupported_media_type', 'The file starts with a UTF-16 byte order mark but is not valid UTF-16; nothing was stored.');
      }
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    }
  }
  if (strict) {
    try {
      strict.decode();
    } catch {
      throw encodingProblem('unsupported_media_type', line, headerLine, 'The file is not valid UTF-8: it ends in the middle of a character', declareHint);
    }
  } else if (convert) {
    const rest = convert.decode();
    if (rest.length > 0) yield Buffer.from(rest, 'utf8');
  }
}

/** The first line (without its line break) in `buf` from `from`, and where the next begins; undefined when not complete. */
function lineAt(buf: Buffer, from: number): { text: string; next: number } | undefined {
  const lf = buf.indexOf(10, from);
  if (lf === -1) return undefined;
  return { text: buf.subarray(from, lf).toString('utf8').replace(/\r$/, ''), next: lf + 1 };
}

const HEAD_LIMIT = 64 * 1024;

/** Rows handed on at a time by `batches`. */
export const ROW_BATCH = 4096;

/**
 * The records of an object-mode stream, as many as are buffered at a time (up to `max`): Node's
 * own async iteration of a Readable (same end, error and early-return behaviour), without one
 * await per record.
 */
export async function* recordBatches<T>(stream: Readable, max: number): AsyncGenerator<T[]> {
  let callback = () => {};
  const wake = () => {
    const c = callback;
    callback = () => {};
    c();
  };
  stream.on('readable', wake);
  let error: Error | null | undefined;
  const cleanup = finished(stream, { writable: false }, (err) => {
    error = err ?? null;
    wake();
  });
  try {
    for (;;) {
      const batch: T[] = [];
      while (batch.length < max) {
        const record = stream.destroyed ? null : (stream.read() as T | null);
        if (record === null) break;
        batch.push(record);
      }
      if (batch.length > 0) yield batch;
      else if (error) throw error;
      else if (error === null) return;
      else await new Promise<void>((resolve) => { callback = resolve; });
    }
  } finally {
    cleanup();
    stream.off('readable', wake);
    if (error === undefined) stream.destroy();
  }
}

/** A line longer than this is left to csv-parse (its max_record_size of 64 KiB bytes is then applied as before). */
const QUICK_LINE = 16 * 1024;

/**
 * Reads the complete lines of `text` (the last one may be unterminated when `final`) while they
 * read the same split on the separator as with csv-parse: no double quote, line ends as the first
 * line set them (LF, or CRLF with no other CR), not long. Empty lines are skipped (skip_empty_lines).
 * Returns how many characters it read; it stops at the start of the first line it cannot read.
 */
function quickLines(text: string, separator: string, state: { crlf?: boolean; lines: number }, records: string[][]): number {
  let from = 0;
  if (state.crlf === undefined && text.length > 0) {
    const lf = text.indexOf('\n');
    const cr = text.indexOf('\r');
    if (cr === -1 || (lf !== -1 && cr > lf)) state.crlf = false;
    else if (lf !== -1 && cr === lf - 1) state.crlf = true;
    else return 0; // a lone CR in the first line: csv-parse decides how lines end
  }
  let stop = text.indexOf('"');
  if (!state.crlf) {
    const cr = text.indexOf('\r');
    if (cr !== -1 && (stop === -1 || cr < stop)) stop = cr;
  }
  if (stop === -1) stop = text.length;
  while (from < text.length) {
    let lf = text.indexOf('\n', from);
    const terminated = lf !== -1;
    if (!terminated) lf = text.length;
    if (stop < lf) return from;
    let end = lf;
    if (state.crlf) {
      const cr = text.indexOf('\r', from);
      if (terminated ? lf === from || cr !== lf - 1 : cr !== -1) return from;
      if (terminated) end = lf - 1;
    }
    if (end - from > QUICK_LINE) return from;
    if (end > from) records.push(text.slice(from, end).split(separator));
    if (terminated) state.lines++;
    from = terminated ? lf + 1 : text.length;
  }
  return from;
}

/**
 * The records of a CSV body (UTF-8 chunks, after any BOM and sep= line), in batches. Plain lines
 * (the bulk of machine-written files) are split directly, many times faster than csv-parse; from
 * the first line that is not plain (a quote, an odd line end, a very long line) to the end, the
 * bytes go to csv-parse (`parsed`), after as many empty lines as were read, so that its line
 * numbers and its choice of line end are those it would have had reading the whole body.
 */
export async function* csvRecords(
  chunks: AsyncIterator<Buffer>, separator: string, parsed: (from: AsyncIterable<Buffer>) => AsyncIterable<string[][]>,
): AsyncGenerator<string[][]> {
  const state: { crlf?: boolean; lines: number } = { lines: 0 };
  let pending: Buffer = Buffer.alloc(0);
  let rest: Buffer[] | undefined;
  for (;;) {
    const next = await chunks.next();
    const final = next.done === true;
    let region: Buffer;
    if (final) {
      region = pending;
      pending = Buffer.alloc(0);
    } else {
      const chunk = next.value;
      const lf = chunk.lastIndexOf(10);
      if (lf === -1) {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        if (pending.length <= 64 * 1024) continue;
        rest = [pending];
        break;
      }
      region = pending.length === 0 ? chunk.subarray(0, lf + 1) : Buffer.concat([pending, chunk.subarray(0, lf + 1)]);
      pending = chunk.subarray(lf + 1);
    }
    const text = region.toString('utf8');
    const records: string[][] = [];
    const read = quickLines(text, separator, state, records);
    if (records.length > 0) yield records;
    if (read < text.length) {
      rest = [Buffer.from(text.slice(read), 'utf8'), pending];
      break;
    }
    if (final) return;
  }
  const lineEnd = state.crlf ? '\r\n' : '\n';
  const taken = rest;
  yield* parsed((async function* () {
    if (state.lines > 0) yield Buffer.from(lineEnd.repeat(state.lines));
    for (const b of taken) if (b.length > 0) yield b;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  })());
}

/** One row at a time from batches of rows. */
async function* flat<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

export function csvSource(body: ReadableStream<Uint8Array> | null, options: CsvSourceOptions): UploadSource {
  const { input, digest } = hashedBody(body, options.maxBytes);
  const used: { charset?: string; separator?: Separator; sepLine?: boolean; header?: string[] } = {};

  async function* batches(): AsyncGenerator<SourceRow[]> {
    const text = utf8Bytes(input as AsyncIterable<Buffer>, options.charset, (c) => { used.charset = c; })[Symbol.asyncIterator]();
    // Read up to the end of the header line (after an Excel `sep=` line) to settle the separator.
    let head: Buffer = Buffer.alloc(0);
    let ended = false;
    let start = 0;
    for (;;) {
      start = head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
      const first = lineAt(head, start);
      if (first && excelSepLine(first.text) !== undefined) {
        if (lineAt(head, first.next) || head.length > HEAD_LIMIT) break;
      } else if (first || head.length > HEAD_LIMIT) break;
      const next = await text.next();
      if (next.done) { ended = true; break; }
      head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    }
    start = head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
    const firstLine = lineAt(head, start) ?? { text: head.subarray(start).toString('utf8').replace(/\r$/, ''), next: head.length };
    const declared = excelSepLine(firstLine.text);
    let body = start;
    let headerText = firstLine.text;
    if (declared !== undefined) {
      used.sepLine = true;
      body = firstLine.next;
      headerText = (lineAt(head, body) ?? { text: head.subarray(body).toString('utf8') }).text;
    }
    const separator = options.separator ?? declared ?? sniffSeparator(headerText, options.columns);
    used.separator = separator;

    async function* framed(): AsyncGenerator<Buffer> {
      if (head.length > body) yield head.subarray(body);
      if (ended) return;
      for (;;) {
        const next = await text.next();
        if (next.done) return;
        yield next.value;
      }
    }
    // The general parser (csv-parse), for whatever the quick reading below does not take.
    const parsed = (from: AsyncIterable<Buffer>) => {
      const parser = parse({ bom: true, delimiter: separator, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });
      const source = Readable.from(from, { objectMode: false });
      source.on('error', (error) => parser.destroy(error));
      input.on('error', (error) => parser.destroy(error));
      source.pipe(parser);
      return recordBatches<string[]>(parser, ROW_BATCH);
    };

    let header: string[] | undefined;
    let rowNumber = 0;
    const locale = options.locale;
    let conversions: { index: number; column: string; date: boolean }[] = [];
    try {
      for await (const records of csvRecords(framed(), separator, parsed)) {
        const batch: SourceRow[] = [];
        for (const record of records) {
          if (!header) {
            header = record.map((h) => h.trim().toLowerCase());
            used.header = header;
            checkHeader(header, options.columns, options.required, separator);
            if (locale) {
              conversions = header.flatMap((column, index): { index: number; column: string; date: boolean }[] =>
                numericColumns.has(column) ? [{ index, column, date: false }] : dateColumns.has(column) ? [{ index, column, date: true }] : []);
            }
            continue;
          }
          rowNumber++;
          if (record.length !== header.length) {
            batch.push({ rowNumber, raw: {}, unreadable: fieldCountProblem(record, header.length, separator, locale) });
            continue;
          }
          let unreadable: string | undefined;
          for (const { index, column, date } of conversions) {
            const converted = date ? localeDate(record[index]!, locale!) : localeNumber(record[index]!, locale!);
            if ('error' in converted) { unreadable = `${column}: ${converted.error}`; break; }
            record[index] = converted.value;
          }
          if (unreadable) {
            batch.push({ rowNumber, raw: {}, unreadable });
            continue;
          }
          const raw: RawRow = {};
          for (let i = 0; i < header.length; i++) raw[header[i]!] = record[i];
          batch.push({ rowNumber, raw });
        }
        if (batch.length > 0) yield batch;
      }
    } catch (error) {
      if (error instanceof CsvError) {
        throw new ApiError('malformed_body',
          `The CSV cannot be parsed near data row ${rowNumber + 1} (read with separator ${describeSeparator(separator)}): ${error.message}`);
      }
      throw error;
    }
    if (!header) throw new ApiError('malformed_body', 'The CSV is empty: it needs a header row.');
  }

  const read = batches();
  return {
    rows: flat(read),
    batches: read,
    digest,
    dialect: () => used.charset === undefined ? undefined : [
      `charset=${used.charset}`,
      used.separator ? `separator=${separatorNames[used.separator]}` : undefined,
      options.locale ? `locale=${options.locale.tag}` : undefined,
      used.sepLine ? 'sep-line=true' : undefined,
    ].filter(Boolean).join('; '),
    header: () => used.header,
  };
}

function fieldCountProblem(record: string[], expected: number, separator: Separator, locale: Locale | undefined): string {
  let message = `has ${record.length} fields; the header has ${expected} (separated by ${describeSeparator(separator)})`;
  const other = record.length === 1 ? joinedBy(record[0]!, separator) : undefined;
  if (other) message += `: this row is separated by ${describeSeparator(other)} instead`;
  else if (separator === ',' && record.length > expected && locale?.decimal === ',') {
    message += `: numbers with a decimal comma must be quoted in a comma-separated file, or separate fields with ";"`;
  }
  return message;
}

export function checkHeader(header: string[], columns: readonly string[], required: readonly string[], separator: Separator | undefined) {
  const problems: FieldProblem[] = [];
  const known = new Set(columns);
  const seen = new Set<string>();
  for (const column of header) {
    const unstorable = unstorableText(column);
    if (unstorable) {
      const name = printable(column);
      problems.push({ location: 'csv', path: name, row: 0, column: name, message: `the column name "${name}" ${unstorable}` });
      continue;
    }
    if (!known.has(column)) {
      const other = separator ? joinedBy(column, separator, columns) : undefined;
      const message = other
        ? `unknown column "${column}": this header is joined by ${describeSeparator(other)} but the file is read with ${describeSeparator(separator!)} as separator; ` +
          `send ?separator=${separatorNames[other]} (or a first line sep=${other === '\t' ? '\\t' : other}), or leave the separator out to have it detected`
        : `unknown column "${column}"; the columns are ${columns.join(', ')}`;
      problems.push({ location: 'csv', path: column, row: 0, column, message });
    }
    if (seen.has(column)) problems.push({ location: 'csv', path: column, row: 0, column, message: `column "${column}" appears twice` });
    seen.add(column);
  }
  for (const column of required) {
    if (!seen.has(column)) problems.push({ location: 'csv', path: column, row: 0, column, message: `required column "${column}" is missing` });
  }
  if (problems.length > 0) {
    const joined = problems.find((p) => p.message.includes('this header is joined by'));
    throw new ApiError('validation_failed',
      joined ? `The CSV header is joined by another separator than the one it is read with; nothing was stored.` : 'The CSV header does not match the expected columns; nothing was stored.',
      { errors: problems });
  }
}

/** A JSON upload: already parsed (bodies are capped at the JSON limit); rows are the array items. */
export function jsonSource(items: RawRow[], bodyText: string): UploadSource {
  const digest = `sha256:${createHash('sha256').update(bodyText).digest('hex')}`;
  async function* rows(): AsyncGenerator<SourceRow> {
    let rowNumber = 0;
    for (const raw of items) yield { rowNumber: ++rowNumber, raw };
  }
  return { rows: rows(), digest: () => digest };
}

