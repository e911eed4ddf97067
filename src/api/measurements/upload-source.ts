import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RawRow } from '../../domain/measurement/rows.ts';
import { printable, unstorableText } from '../../domain/measurement/storable-text.ts';
import { ApiError } from '../errors/api-error.ts';
import { limitStream } from '../middleware/body-limit.ts';

/**
 * Turns an upload body into rows, one at a time, while hashing the exact bytes received. CSV is
 * parsed as a stream (csv-parse), so a file of a million rows never sits in memory.
 */
export interface UploadSource {
  rows: AsyncIterable<SourceRow>;
  /** `sha256:<hex>` of the body bytes; available once `rows` has been consumed. */
  digest(): string;
}

export interface SourceRow {
  rowNumber: number;
  raw: RawRow;
  /** Set when the row cannot be read as a record (e.g. wrong number of fields). */
  unreadable?: string;
}

export function csvSource(
  body: ReadableStream<Uint8Array> | null,
  options: { maxBytes: number; columns: readonly string[]; required: readonly string[] },
): UploadSource {
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
  const bytes = (body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })).pipeThrough(limitStream(options.maxBytes)).pipeThrough(hashing);

  async function* rows(): AsyncGenerator<SourceRow> {
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });
    const input = Readable.fromWeb(bytes as never);
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);
    let header: string[] | undefined;
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!header) {
          header = record.map((h) => h.trim().toLowerCase());
          checkHeader(header, options.columns, options.required);
          continue;
        }
        rowNumber++;
        if (record.length !== header.length) {
          yield { rowNumber, raw: {}, unreadable: `has ${record.length} fields; the header has ${header.length}` };
          continue;
        }
        const raw: RawRow = {};
        for (let i = 0; i < header.length; i++) raw[header[i]!] = record[i];
        yield { rowNumber, raw };
      }
    } catch (error) {
      if (error instanceof CsvError) {
        throw new ApiError('malformed_body', `The CSV cannot be parsed near data row ${rowNumber + 1}: ${error.message}`);
      }
      throw error;
    }
    if (!header) throw new ApiError('malformed_body', 'The CSV is empty: it needs a header row.');
  }

  return {
    rows: rows(),
    digest: () => {
      if (!digest) throw new Error('digest requested before the body was read');
      return digest;
    },
  };
}

function checkHeader(header: string[], columns: readonly string[], required: readonly string[]) {
  const problems = [];
  const known = new Set(columns);
  const seen = new Set<string>();
  for (const column of header) {
    const unstorable = unstorableText(column);
    if (unstorable) {
      const name = printable(column);
      problems.push({ location: 'csv' as const, path: name, row: 0, column: name, message: `the column name "${name}" ${unstorable}` });
      continue;
    }
    if (!known.has(column)) problems.push({ location: 'csv' as const, path: column, row: 0, column, message: `unknown column "${column}"; the columns are ${columns.join(', ')}` });
    if (seen.has(column)) problems.push({ location: 'csv' as const, path: column, row: 0, column, message: `column "${column}" appears twice` });
    seen.add(column);
  }
  for (const column of required) {
    if (!seen.has(column)) problems.push({ location: 'csv' as const, path: column, row: 0, column, message: `required column "${column}" is missing` });
  }
  if (problems.length > 0) {
    throw new ApiError('validation_failed', 'The CSV header does not match the expected columns; nothing was stored.', { errors: problems });
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
