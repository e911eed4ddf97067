import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { csvRecords, recordBatches } from '../../src/api/measurements/upload-source.ts';

/**
 * Uploads split plain CSV lines directly and leave the rest to csv-parse (issue 19: parsing was the
 * largest cost of an upload). Whatever the bytes and however they arrive in chunks, the records,
 * or the error, must be exactly those csv-parse gives reading the whole body.
 */
const options = (separator: string) => ({ bom: true, delimiter: separator, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 });

async function viaCsvParse(chunks: Buffer[], separator: string): Promise<string[][] | string> {
  const parser = parse(options(separator));
  Readable.from(chunks, { objectMode: false }).pipe(parser);
  const records: string[][] = [];
  try {
    for await (const batch of recordBatches<string[]>(parser, 4096)) records.push(...batch);
  } catch (error) {
    return (error as Error).message;
  }
  return records;
}

async function viaQuickReading(chunks: Buffer[], separator: string): Promise<string[][] | string> {
  const records: string[][] = [];
  const source = (async function* () { yield* chunks; })();
  const parsed = (from: AsyncIterable<Buffer>) => {
    const parser = parse(options(separator));
    Readable.from(from, { objectMode: false }).pipe(parser);
    return recordBatches<string[]>(parser, 4096);
  };
  try {
    for await (const batch of csvRecords(source, separator, parsed)) records.push(...batch);
  } catch (error) {
    return (error as Error).message;
  }
  return records;
}

/** A small deterministic generator (tests must replay). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pieces = ['a', 'bé', '12', ' x ', ',', ';', '\t', '"', '""', '\n', '\n', '\n', '\r\n', '\r', '', 'P-0001', '2024-01-02', '€'];

function randomBody(next: () => number, lineEnd: string): string {
  const lines: string[] = [];
  const count = 1 + Math.floor(next() * 12);
  for (let i = 0; i < count; i++) {
    let line = '';
    const parts = Math.floor(next() * 8);
    for (let j = 0; j < parts; j++) {
      const p = next();
      // mostly plain fields, sometimes something csv-parse has to decide
      line += p < 0.75 ? ['a', 'bé', '12', 'P-0001', '2024-01-02', '€', ''][Math.floor(next() * 7)]! + ',' : pieces[Math.floor(next() * pieces.length)]!;
    }
    lines.push(line);
  }
  return lines.join(lineEnd) + (next() < 0.5 ? lineEnd : '');
}

function chunked(bytes: Buffer, next: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(next() * 12);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('quick CSV reading', () => {
  it('gives csv-parse\'s records or error for random bodies, however chunked (LF and CRLF files, quotes and stray CRs)', async () => {
    const next = random(19);
    for (let i = 0; i < 1500; i++) {
      const body = Buffer.from(randomBody(next, next() < 0.5 ? '\n' : '\r\n'), 'utf8');
      const separator = [',', ';', '\t'][i % 3]!;
      const chunks = next() < 0.3 ? [body] : chunked(body, next);
      const expected = await viaCsvParse([body], separator);
      expect(await viaQuickReading(chunks, separator), JSON.stringify(body.toString('utf8'))).toEqual(expected);
    }
  });

  it('reports csv-parse\'s line numbers when a quote goes wrong after many plain lines', async () => {
    const body = Buffer.from('a,b\n' + 'c,d\n'.repeat(5000) + 'e,"f\ng,h\n');
    const message = await viaQuickReading([body.subarray(0, 7000), body.subarray(7000)], ',');
    expect(message).toBe(await viaCsvParse([body], ','));
    expect(message).toMatch(/line 5003/);
  });

  it('leaves a very long line to csv-parse, which refuses a record over 64 KiB as before', async () => {
    const body = Buffer.from('a,b\nc,' + 'x'.repeat(70_000) + '\n');
    const message = await viaQuickReading([body], ',');
    expect(message).toBe(await viaCsvParse([body], ','));
    expect(typeof message).toBe('string');
  });
});
