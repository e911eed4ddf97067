import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dec } from '../../domain/money/money.ts';
import type { RawRow } from '../../domain/measurement/rows.ts';
import { ApiError } from '../errors/api-error.ts';
import { dateColumns, type Locale, localeDate, localeNumber, numericColumns } from './dialect.ts';
import { checkHeader, hashedBody, type SourceRow, type UploadSource } from './upload-source.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxSourceOptions {
  maxBytes: number;
  columns: readonly string[];
  required: readonly string[];
  /** The worksheet to read (by name, case-insensitive); undefined: the first one. */
  sheet?: string | undefined;
  /** How numbers and dates typed as text are written (cells that are numbers or dates need none). */
  locale?: Locale | undefined;
}

/** A cell's number as canonical decimal text: Excel's own 15 significant digits, never an exponent. */
export function canonicalNumber(n: number): string {
  const s = String(Number(n.toPrecision(15)));
  return /e/i.test(s) ? dec(s).toFixed() : s;
}

/** A date cell (exceljs gives it as UTC) → yyyy-mm-dd in a date column, else yyyy-mm-dd or an ISO timestamp. */
function dateText(d: Date, dateColumn: boolean): string {
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  if (dateColumn || rounded.endsWith('T00:00:00.000Z')) return rounded.slice(0, 10);
  return rounded.replace('.000Z', 'Z');
}

type Converted = { value: string } | { error: string };

function cellText(value: ExcelJS.CellValue, column: string, locale: Locale | undefined): Converted {
  if (value === null || value === undefined) return { value: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: `the cell holds ${value}` };
    return { value: canonicalNumber(value) };
  }
  if (typeof value === 'boolean') return { value: value ? 'true' : 'false' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: 'the cell holds an invalid date' };
    return { value: dateText(value, dateColumns.has(column)) };
  }
  if (typeof value === 'string') {
    if (locale && numericColumns.has(column)) return localeNumber(value, locale);
    if (locale && dateColumns.has(column)) return localeDate(value, locale);
    return { value };
  }
  if ('error' in value) return { error: `the cell holds the error ${value.error}` };
  if ('richText' in value) return cellText(value.richText.map((r) => r.text).join(''), column, locale);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return cellText(result ?? null, column, locale);
  }
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text, column, locale);
  return { error: 'the cell holds a value that is not text, a number or a date' };
}

/** exceljs' streaming reader met a worksheet before the workbook part (a race inside it): read again. */
class ReaderRace extends Error {}

const isBlank = (v: ExcelJS.CellValue) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * An XLSX upload, its rows read as a stream (exceljs' streaming reader over the received bytes): the first worksheet or the one
 * named, its first non-empty row the header. Row numbers are the spreadsheet's own. Number and
 * date cells become canonical text (15 significant digits; yyyy-mm-dd); text cells in number and
 * date columns are read per `locale` when one is given. The digest is over the exact bytes.
 */
export function xlsxSource(body: ReadableStream<Uint8Array> | null, options: XlsxSourceOptions): UploadSource {
  const { input, digest } = hashedBody(body, options.maxBytes);
  let sheetRead: string | undefined;
  let headerRead: string[] | undefined;

  /**
   * The compressed workbook is received whole first (about 30 bytes a row), then its rows are read
   * as a stream. exceljs' streaming reader sometimes reaches a worksheet before the workbook part it
   * needs ("reading 'sheets'": about 1 upload in 300, depending on timing); that happens before any
   * row of the sheet is read, so the reading starts again from the received bytes (up to 5 times).
   */
  async function* rows(): AsyncGenerator<SourceRow> {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const row of readWorkbook(bytes)) {
          yielded = true;
          yield row;
        }
        return;
      } catch (error) {
        if (error instanceof ReaderRace && !yielded && attempt < 5) continue;
        if (error instanceof ReaderRace) {
          throw new ApiError('malformed_body', `The body is not a readable XLSX workbook (${error.message}); nothing was stored.`);
        }
        throw error;
      }
    }
  }

  async function* readWorkbook(bytes: Buffer): AsyncGenerator<SourceRow> {
    sheetRead = undefined;
    headerRead = undefined;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
    });
    const names: string[] = [];
    let header: (string | undefined)[] | undefined;
    let dataRows = 0;
    try {
      for await (const worksheet of reader) {
        const name = (worksheet as unknown as { name: string }).name;
        names.push(name);
        const wanted = sheetRead === undefined && (options.sheet === undefined || name.trim().toLowerCase() === options.sheet.trim().toLowerCase());
        if (!wanted) {
          for await (const _ of worksheet) { /* read past it: the whole body is hashed */ }
          continue;
        }
        sheetRead = name;
        for await (const row of worksheet) {
          const values = row.values as ExcelJS.CellValue[];
          if (!header) {
            if (values.every(isBlank)) continue;
            header = [];
            for (let i = 1; i < values.length; i++) {
              const v = cellText(values[i] ?? null, '', undefined);
              const name = 'value' in v ? v.value.trim().toLowerCase() : '';
              header[i] = name === '' ? undefined : name;
            }
            headerRead = header.filter((h): h is string => h !== undefined);
            checkHeader(headerRead, options.columns, options.required, undefined);
            continue;
          }
          if (values.every(isBlank)) continue;
          dataRows++;
          const raw: RawRow = {};
          let unreadable: string | undefined;
          for (let i = 1; i < header.length; i++) {
            const column = header[i];
            if (column === undefined) continue;
            const converted = cellText(values[i] ?? null, column, options.locale);
            if ('error' in converted) { unreadable = `${column}: ${converted.error}`; break; }
            raw[column] = converted.value;
          }
          if (!unreadable) {
            for (let i = header.length; i < values.length; i++) {
              if (!isBlank(values[i] ?? null)) { unreadable = `has a value in column ${columnLetter(i)}, which has no header`; break; }
            }
            for (let i = 1; i < Math.min(header.length, values.length); i++) {
              if (header[i] === undefined && !isBlank(values[i] ?? null)) { unreadable = `has a value in column ${columnLetter(i)}, which has no header`; break; }
            }
          }
          yield unreadable ? { rowNumber: row.number, raw: {}, unreadable } : { rowNumber: row.number, raw };
        }
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (/reading 'sheets'/.test((error as Error).message)) throw new ReaderRace((error as Error).message);
      throw new ApiError('malformed_body', `The body is not a readable XLSX workbook (${(error as Error).message}); nothing was stored.`);
    }
    if (sheetRead === undefined) {
      throw new ApiError('validation_failed', options.sheet === undefined
        ? 'The workbook has no worksheet; nothing was stored.'
        : `The workbook has no worksheet named "${options.sheet}"; its worksheets are ${names.map((n) => `"${n}"`).join(', ')}. Nothing was stored.`,
      { errors: [{ location: 'query', path: 'sheet', message: `no worksheet named "${options.sheet}"` }] });
    }
    if (!header) throw new ApiError('validation_failed', `Worksheet "${sheetRead}" is empty: it needs a header row. Nothing was stored.`);
    void dataRows;
  }

  return {
    rows: rows(),
    digest,
    dialect: () => (sheetRead === undefined ? undefined : [`sheet=${JSON.stringify(sheetRead)}`, options.locale ? `locale=${options.locale.tag}` : undefined].filter(Boolean).join('; ')),
    header: () => headerRead,
  };
}

function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
