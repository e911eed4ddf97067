import { z } from '@hono/zod-openapi';
import { decoderEncoding, localeOf } from './dialect.ts';

/** Locale tag of a query parameter: any BCP 47 tag Intl knows (fr-FR, fr-BE, de-DE, en-GB, en-US…). */
export const LocaleTag = z.string().max(35).refine((tag) => localeOf(tag) !== undefined, { message: 'is not a locale tag (e.g. fr-FR, en-GB)' });

/** The query parameters of the CSV/XLSX upload routes. */
export const UploadQuery = z.object({
  charset: z.string().max(40).refine((c) => decoderEncoding(c) !== undefined, { message: 'is not one of utf-8, windows-1252, iso-8859-1, iso-8859-15' }).optional()
    .openapi({
      description:
        'Encoding of a CSV body: `utf-8` (default), `windows-1252` (what Excel writes as "CSV (separator…)" on a Western-European ' +
        'Windows), `iso-8859-1` (read as windows-1252, its superset), `iso-8859-15`. The same as the `charset` parameter of ' +
        '`Content-Type: text/csv; charset=…` (which it must not contradict). Without either, the file must be UTF-8 (a byte order ' +
        'mark is fine, and a UTF-16 one is honoured): any other byte refuses the file (415) naming its line, and a U+FFFD replacement ' +
        'character, the trace of an earlier lossy conversion, refuses it too (422). Nothing is ever stored with a replacement character.',
      example: 'windows-1252',
    }),
  separator: z.enum(['comma', 'semicolon', 'tab']).optional().openapi({
    description:
      'Field separator of a CSV body. Default: the one named by Excel\'s first line `sep=;` if present, else the one of `,` `;` or tab ' +
      'that splits the header into known columns. A header joined by another separator than the one used is refused with a message ' +
      'naming both.',
  }),
  locale: LocaleTag.optional().openapi({
    description:
      'How numbers and dates are written (CSV and XLSX text cells), as a BCP 47 tag: with `fr-FR` (or `fr-BE`, `de-DE`…) decimals use ' +
      'a comma and thousands a space or a dot (`1 000,50`, `1.000,50`) and dates are `dd/mm/yyyy`; with `en-GB` `1,000.50` and ' +
      '`dd/mm/yyyy`; with `en-US` `mm/dd/yyyy`. ISO dates (`yyyy-mm-dd`) are always accepted. The values are turned into canonical ' +
      'text (`1000.50`, `2024-03-05`) before the row checks; the body digest stays that of the bytes received. Without it, numbers ' +
      'use `.` with no thousands separator and dates are `yyyy-mm-dd`.',
    example: 'fr-FR',
  }),
  sheet: z.string().min(1).max(31).optional().openapi({
    description: 'XLSX only: the worksheet to read, by name (case-insensitive). Default: the first worksheet.',
  }),
});
export type UploadQuery = z.infer<typeof UploadQuery>;
