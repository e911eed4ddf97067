import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { z } from '@hono/zod-openapi';
import ExcelJS from 'exceljs';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';
import { localeOf } from './measurements/dialect.ts';
import { LocaleTag } from './measurements/upload-query.ts';

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
export function csvField(value: string | number | null | undefined, text = true, separator = ','): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || (separator !== ',' && s.includes(separator)) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const line = (fields: string[], separator = ',') => `${fields.join(separator)}\r\n`;

/**
 * What a cell of an export holds, so that each format writes it as its users expect: `decimal` and
 * `amount` take a decimal comma on request (and are numbers in XLSX; an amount keeps the currency's
 * minor unit, as formatted by the caller, in both), `date` and `timestamp` are dates in XLSX.
 */
export type ColumnKind = 'text' | 'decimal' | 'amount' | 'integer' | 'date' | 'timestamp';
export type Cell = string | number | null | undefined;

export interface ExportTable<R> {
  columns: readonly { name: string; kind: ColumnKind }[];
  /** The record's cells, in column order; null to leave the record out (visibility). */
  values(record: R): Cell[] | null;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The query parameters of every export route: the file format and, for CSV, the dialect. */
export const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).optional().openapi({
    description: '`csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency\'s minor unit, dates as dates).',
  }),
  separator: z.enum(['comma', 'semicolon', 'tab']).optional().openapi({ description: 'CSV field separator (default comma; `semicolon` for a French or Belgian Excel).' }),
  decimal: z.enum(['point', 'comma']).optional().openapi({ description: 'CSV decimal mark of numbers and amounts (default point).' }),
  bom: z.enum(['true', 'false']).optional().openapi({ description: 'CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false).' }),
  locale: LocaleTag.optional().openapi({
    description:
      'Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as ' +
      '`fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads.',
    example: 'fr-FR',
  }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export interface ExportOptions {
  format: 'csv' | 'xlsx';
  separator: ',' | ';' | '\t';
  decimalComma: boolean;
  bom: boolean;
}

export function exportOptions(query: Partial<ExportQuery> = {}): ExportOptions {
  const locale = query.locale === undefined ? undefined : localeOf(query.locale);
  const comma = locale?.decimal === ',';
  const separator = query.separator ?? (locale ? (comma ? 'semicolon' : 'comma') : 'comma');
  return {
    format: query.format ?? 'csv',
    separator: separator === 'semicolon' ? ';' : separator === 'tab' ? '\t' : ',',
    decimalComma: query.decimal ? query.decimal === 'comma' : comma,
    bom: query.bom ? query.bom === 'true' : locale !== undefined,
  };
}

/** The responses of an export route, for its createRoute. */
export const exportResponses = {
  description: 'The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed',
  content: {
    'text/csv': { schema: z.string() },
    [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
  },
};

/** One record as a CSV line in the requested dialect. */
export function csvLine(cells: Cell[], kinds: readonly ColumnKind[], options: ExportOptions): string {
  const fields = cells.map((value, i) => {
    const kind = kinds[i]!;
    if (value === null || value === undefined) return '';
    if (kind === 'text' || kind === 'date' || kind === 'timestamp') return csvField(value, kind === 'text', options.separator);
    let s = String(value);
    if (options.decimalComma && (kind === 'decimal' || kind === 'amount')) s = s.replace('.', ',');
    return csvField(s, false, options.separator);
  });
  return line(fields, options.separator);
}

const EXPORT_BATCH = 5_000;

/**
 * Streams every record, reading the database in keyset-paginated batches (constant memory), as CSV
 * in the requested dialect or as an XLSX workbook (exceljs' streaming writer, one worksheet).
 */
export function streamExport<R extends { id: string }>(
  c: Context<AppEnv>,
  basename: string,
  table: ExportTable<R>,
  fetchPage: (after: string | undefined, limit: number) => Promise<R[]>,
  options: ExportOptions = exportOptions(),
): Response {
  if (options.format === 'xlsx') return streamXlsx(c, basename, table, fetchPage);
  const encoder = new TextEncoder();
  const kinds = table.columns.map((col) => col.kind);
  let after: string | undefined;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode((options.bom ? '\uFEFF' : '') + line(table.columns.map((col) => csvField(col.name, true, options.separator)), options.separator)));
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
        let text = '';
        for (const r of rows) {
          const cells = table.values(r);
          if (cells) text += csvLine(cells, kinds, options);
        }
        controller.enqueue(encoder.encode(text));
      } else controller.close();
    },
  });
  return c.body(stream, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${basename}.csv"`,
  });
}

/** The number of decimals written in a decimal string ("862.50" → 2). */
const decimalsOf = (s: string) => {
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
};

/** A cell value for exceljs, and its number format. */
export function xlsxCell(value: Cell, kind: ColumnKind): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === null || value === undefined || value === '') return { value: null };
  switch (kind) {
    case 'integer': {
      const n = Number(value);
      return Number.isSafeInteger(n) ? { value: n } : { value: String(value) };
    }
    case 'decimal':
    case 'amount': {
      const s = String(value);
      const digits = s.replace(/[^0-9]/g, '').replace(/^0+/, '').length;
      if (!/^-?\d+(\.\d+)?$/.test(s) || digits > 15) return { value: s };
      const places = decimalsOf(s);
      return kind === 'amount'
        ? { value: Number(s), numFmt: places > 0 ? `#,##0.${'0'.repeat(places)}` : '#,##0' }
        : { value: Number(s) };
    }
    case 'date': {
      const s = String(value);
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? { value: new Date(`${s}T00:00:00Z`), numFmt: 'yyyy-mm-dd' } : { value: s };
    }
    case 'timestamp': {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime()) ? { value: String(value) } : { value: d, numFmt: 'yyyy-mm-dd hh:mm:ss' };
    }
    default:
      return { value: String(value) };
  }
}

function streamXlsx<R extends { id: string }>(
  c: Context<AppEnv>,
  basename: string,
  table: ExportTable<R>,
  fetchPage: (after: string | undefined, limit: number) => Promise<R[]>,
): Response {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(basename.replace(/-[0-9a-f-]{36}$/, '').slice(0, 31) || 'export');
  const kinds = table.columns.map((col) => col.kind);
  (async () => {
    const header = sheet.addRow(table.columns.map((col) => col.name));
    header.font = { bold: true };
    header.commit();
    let after: string | undefined;
    for (;;) {
      const rows = await fetchPage(after, EXPORT_BATCH);
      for (const r of rows) {
        const cells = table.values(r);
        if (!cells) continue;
        writeXlsxRow(sheet, cells, kinds);
      }
      if (rows.length < EXPORT_BATCH) break;
      after = rows[rows.length - 1]!.id;
      // Backpressure: wait for the client to take what is written before reading the next batch.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
    'content-type': XLSX_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${basename}.xlsx"`,
  });
}

/** Appends one row of typed cells to a streaming worksheet and commits it. */
export function writeXlsxRow(sheet: ExcelJS.Worksheet, cells: Cell[], kinds: readonly ColumnKind[]): void {
  const typed = cells.map((value, i) => xlsxCell(value, kinds[i]!));
  const row = sheet.addRow(typed.map((t) => t.value));
  typed.forEach((t, i) => {
    if (t.numFmt) row.getCell(i + 1).numFmt = t.numFmt;
  });
  row.commit();
}
