import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
export function csvField(value: string | number | null | undefined, text = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const line = (fields: string[]) => `${fields.join(',')}\r\n`;

export interface CsvFormat<R> {
  header: string[];
  row(record: R): string;
}

const EXPORT_BATCH = 5_000;

/** Streams every record as CSV, reading the database in keyset-paginated batches (constant memory). */
export function streamCsv<R extends { id: string }>(
  c: Context<AppEnv>,
  filename: string,
  format: CsvFormat<R>,
  fetchPage: (after: string | undefined, limit: number) => Promise<R[]>,
): Response {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(line(format.header)));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const rows = await fetchPage(after, EXPORT_BATCH);
      if (rows.length < EXPORT_BATCH) done = true;
      if (rows.length > 0) {
        after = rows[rows.length - 1]!.id;
        controller.enqueue(encoder.encode(rows.map((r) => format.row(r)).join('')));
      } else controller.close();
    },
  });
  return c.body(stream, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
}
