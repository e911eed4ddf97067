import { z } from '@hono/zod-openapi';
import ExcelJS from 'exceljs';
import { termsInForce, versionsOf } from '../../db/queries/contracts.ts';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import { pseudonymityProblem } from '../../domain/measurement/pseudonymity.ts';
import { compileReferencePattern } from '../../domain/measurement/reference-pattern.ts';
import { claimColumns, requiredClaimColumns, requiredResultColumns, resultColumns } from '../../domain/measurement/rows.ts';
import { contractRoute } from '../auth/contract-access.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { type Cell, type ColumnKind, csvField, csvLine, ExportQuery, exportOptions, line, XLSX_CONTENT_TYPE, xlsxCell } from '../csv.ts';
import { ApiError } from '../errors/api-error.ts';
import { errorsFor } from '../errors/responses.ts';
import type { AppRouteHandler } from '../router.ts';

/**
 * Upload templates per contract: the exact columns of a claims or results upload, one example row
 * that the contract accepts, and (XLSX) a second sheet explaining every column with the
 * contract's own outcome keys, cohorts, periods and allowed values, in English or French.
 */

type Lang = 'en' | 'fr';
type Kind = 'claims' | 'results';

const files = ['claims.csv', 'claims.xlsx', 'results.csv', 'results.xlsx'] as const;

const kinds: Record<string, ColumnKind> = {
  achieved_on: 'date', held_from: 'date', measured_on: 'date', quantity: 'decimal', treatment_value: 'decimal', comparison_value: 'decimal',
  treatment_sample_size: 'integer', comparison_sample_size: 'integer',
};
const kindOf = (column: string): ColumnKind => kinds[column] ?? 'text';

const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);

/** A participant reference the contract accepts (its own pattern and the platform's pseudonymity rules). */
function exampleReference(definition: ContractDefinition): string {
  const source = definition.data?.participantReferencePattern;
  const pattern = source ? compileReferencePattern(source) : undefined;
  const candidates = [
    'P-000001', 'P000001', 'P00001', 'P0001', 'P001', 'P1', 'PART-0001', 'ID-000001', 'A000001', 'X-000001', '000001', '0001', 'P-0001',
    'BEN-000001', 'PAR-000001', 'C000001', 'REF-000001', '1000001', '10000001', 'P-1', 'p000001', 'p-000001',
  ];
  return candidates.find((c) => !pseudonymityProblem(c) && (!pattern || pattern.test(c))) ?? 'P-000001';
}

function exampleRow(definition: ContractDefinition, kind: Kind): Record<string, string> | undefined {
  const { term } = definition;
  if (kind === 'claims') {
    const metric = definition.metrics.find((m) => m.level === 'participant');
    const cohort = definition.cohorts[0];
    if (!metric || !cohort) return undefined;
    const start = cohort.enrolment.start < term.start ? term.start : cohort.enrolment.start;
    return {
      participant_ref: exampleReference(definition), outcome: metric.key, cohort: cohort.key, achieved_on: start, held_from: '',
      evidence: metric.evidenceRequired.map((_, i) => `EVIDENCE-000001-${i + 1}`).join(';'), quantity: '1', supersedes: '',
    };
  }
  const metric = definition.metrics.find((m) => m.level === 'aggregate');
  if (!metric) return undefined;
  const cohort = definition.cohorts[0];
  const period = cohort ? undefined : definition.periods[0];
  if (!cohort && !period) return undefined;
  const measuredOn = clamp(cohort ? cohort.enrolment.end : period!.end, term.start, term.end);
  return {
    metric: metric.key, cohort: cohort?.key ?? '', period: period?.key ?? '', measured_on: measuredOn, treatment_value: '12.5',
    comparison_value: '', treatment_sample_size: '100', comparison_sample_size: '', methodology: 'administrative data, as the contract sets out',
    methodology_version: '1.0', measured_by: 'Independent evaluator', supersedes: '',
  };
}

const text = {
  en: {
    sheet: 'Columns', column: 'Column', required: 'Required', format: 'Format', meaning: 'Meaning', allowed: 'Allowed values',
    yes: 'yes', no: 'no', oneOf: 'one of cohort or period',
    intro: (title: string, kind: Kind) => `Upload template for ${kind === 'claims' ? 'participant claims' : 'aggregate results'} of "${title}". ` +
      'Fill the first sheet, one row per record, and upload it as it is (XLSX), or as CSV. Row numbers in error messages are the sheet\'s own.',
    formats: { text: 'text', date: 'date (yyyy-mm-dd, or a date cell)', decimal: 'number (a date cell or "." decimals; other locales with ?locale=)', integer: 'whole number', amount: 'amount', timestamp: 'date and time' },
    describe: {
      participant_ref: 'Pseudonymous participant code: letters, digits and - _ . : / with at least one digit; never a name, e-mail, phone, NI number, NIR or IBAN',
      outcome: 'The participant-level outcome achieved', cohort: 'The cohort the participant belongs to', achieved_on: 'Date the outcome was achieved',
      held_from: 'For sustained outcomes: the date the outcome was first held', evidence: 'Evidence references, separated by ";"',
      quantity: 'Units of the outcome (e.g. nights, sessions); default 1; paid price × quantity', supersedes: 'To correct a record: the id of the record it replaces',
      metric: 'The aggregate metric measured', period: 'The measurement period', measured_on: 'Date of the measurement',
      treatment_value: 'Value measured for the programme group', comparison_value: 'Value of the comparison group, or the target',
      treatment_sample_size: 'Size of the programme group', comparison_sample_size: 'Size of the comparison group',
      methodology: 'How the value was measured', methodology_version: 'Version or reference of the method', measured_by: 'Who measured it',
    } as Record<string, string>,
    window: (from: string, to: string) => `${from} to ${to}`,
    followUp: (m: number) => `follow-up ${m} months`, term: 'contract term', pattern: 'must match', evidenceNeeded: 'evidence required',
  },
  fr: {
    sheet: 'Colonnes', column: 'Colonne', required: 'Obligatoire', format: 'Format', meaning: 'Signification', allowed: 'Valeurs admises',
    yes: 'oui', no: 'non', oneOf: 'cohorte ou période, l\'une des deux',
    intro: (title: string, kind: Kind) => `Modèle de dépôt des ${kind === 'claims' ? 'résultats individuels (claims)' : 'résultats agrégés'} de « ${title} ». ` +
      'Remplissez la première feuille, une ligne par enregistrement, et déposez-la telle quelle (XLSX) ou en CSV (avec ?locale=fr-FR pour les virgules décimales et les dates jj/mm/aaaa). Les numéros de ligne des erreurs sont ceux de la feuille.',
    formats: { text: 'texte', date: 'date (aaaa-mm-jj, ou une cellule date)', decimal: 'nombre (cellule nombre, ou texte avec ?locale=fr-FR : 1 234,5)', integer: 'nombre entier', amount: 'montant', timestamp: 'date et heure' },
    describe: {
      participant_ref: 'Code pseudonyme du participant : lettres, chiffres et - _ . : / avec au moins un chiffre ; jamais un nom, e-mail, téléphone, NIR ou IBAN',
      outcome: 'Le résultat individuel atteint', cohort: 'La cohorte du participant', achieved_on: 'Date à laquelle le résultat a été atteint',
      held_from: 'Pour un résultat durable : date depuis laquelle il est tenu', evidence: 'Références des justificatifs, séparées par « ; »',
      quantity: 'Nombre d\'unités (nuits, séances…) ; 1 par défaut ; payé prix × quantité', supersedes: 'Pour corriger : l\'identifiant de l\'enregistrement remplacé',
      metric: 'L\'indicateur agrégé mesuré', period: 'La période de mesure', measured_on: 'Date de la mesure',
      treatment_value: 'Valeur mesurée pour le groupe du programme', comparison_value: 'Valeur du groupe de comparaison, ou la cible',
      treatment_sample_size: 'Effectif du groupe du programme', comparison_sample_size: 'Effectif du groupe de comparaison',
      methodology: 'Méthode de mesure', methodology_version: 'Version ou référence de la méthode', measured_by: 'Qui a mesuré',
    } as Record<string, string>,
    window: (from: string, to: string) => `du ${from} au ${to}`,
    followUp: (m: number) => `suivi ${m} mois`, term: 'durée du contrat', pattern: 'doit respecter', evidenceNeeded: 'justificatifs exigés',
  },
} as const;

/** The explanation of each column: [column, required, format, meaning, allowed values]. */
function explanation(definition: ContractDefinition, kind: Kind, lang: Lang): string[][] {
  const t = text[lang];
  const columns = kind === 'claims' ? claimColumns : resultColumns;
  const required = new Set<string>(kind === 'claims' ? requiredClaimColumns : requiredResultColumns);
  const level = kind === 'claims' ? 'participant' : 'aggregate';
  const metrics = definition.metrics.filter((m) => m.level === level)
    .map((m) => `${m.key} — ${m.name} (${m.unit})${m.evidenceRequired.length ? `; ${t.evidenceNeeded}: ${m.evidenceRequired.join('; ')}` : ''}`).join('\n');
  const cohorts = definition.cohorts.map((c) => `${c.key} — ${c.name} (${t.window(c.enrolment.start, c.enrolment.end)}, ${t.followUp(c.followUpMonths)})`).join('\n');
  const periods = definition.periods.map((p) => `${p.key} — ${p.name} (${t.window(p.start, p.end)})`).join('\n');
  const term = `${t.term}: ${t.window(definition.term.start, definition.term.end)}`;
  const pattern = definition.data?.participantReferencePattern;
  const allowed: Record<string, string> = {
    participant_ref: pattern ? `${t.pattern} ${pattern}` : '', outcome: metrics, metric: metrics, cohort: cohorts, period: periods,
    achieved_on: term, held_from: term, measured_on: term,
  };
  const rows: string[][] = [[t.column, t.required, t.format, t.meaning, t.allowed]];
  for (const column of columns) {
    const isRequired = required.has(column) ? t.yes : (column === 'cohort' || column === 'period') && kind === 'results' ? t.oneOf : t.no;
    rows.push([column, isRequired, t.formats[kindOf(column)], t.describe[column] ?? '', allowed[column] ?? '']);
  }
  return rows;
}

export const TemplateParams = ContractIdParams.extend({
  file: z.enum(files).openapi({ param: { name: 'file', in: 'path' }, description: 'claims.csv, claims.xlsx, results.csv or results.xlsx', example: 'claims.xlsx' }),
});

export const TemplateQuery = ExportQuery.omit({ format: true }).extend({
  lang: z.enum(['en', 'fr']).optional().openapi({ description: 'Language of the XLSX explanation sheet; default from Accept-Language (French if preferred, else English).' }),
});

export const getTemplate = contractRoute('contract.read', {
  method: 'get',
  path: '/v1/contracts/{id}/templates/{file}',
  operationId: 'getUploadTemplate',
  tags: ['Submissions'],
  summary: 'An upload template for this contract (CSV or XLSX)',
  description:
    'The exact columns of a claims or results upload with one example row that this contract accepts as it is (its first ' +
    'outcome of the right level, first cohort or period, a date inside the term and the cohort window, a participant reference ' +
    'matching its pattern). The XLSX has a second sheet explaining each column with the contract\'s own outcome keys, cohorts, ' +
    'periods and allowed values, in English or French (`lang`). The CSV takes the export dialect options (`locale=fr-FR` gives ' +
    '`;`, a decimal comma and a BOM: upload it back with `?locale=fr-FR`). The terms in force are used, else the latest proposed ' +
    'version. 404 when the contract has no outcome of that level (claims: participant-level; results: aggregate). ' +
    'Any party may download it: it shows nothing beyond the contract terms every party reads.',
  request: { params: TemplateParams, query: TemplateQuery },
  responses: {
    200: {
      description: 'The template',
      content: { 'text/csv': { schema: z.string() }, [XLSX_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

/** French when Accept-Language prefers it to English, else English. */
export function langOf(acceptLanguage: string | undefined): Lang {
  const ranked = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    return { tag: tag!.trim(), q: Number.isFinite(q) ? q : 0, i };
  }).filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranked.find((r) => r.tag.startsWith('fr') || r.tag.startsWith('en'));
  return first?.tag.startsWith('fr') ? 'fr' : 'en';
}

export const templateHandler: AppRouteHandler<typeof getTemplate> = async (c) => {
  const { id, file } = c.req.valid('param');
  const query = c.req.valid('query');
  const [kind, format] = file.split('.') as [Kind, 'csv' | 'xlsx'];
  const terms = await termsInForce(c.var.db, id);
  const definition = terms?.definition ?? ((await versionsOf(c.var.db, id)).at(-1)?.definition as ContractDefinition | undefined);
  if (!definition) throw new ApiError('not_found', 'This contract has no terms yet.');
  const example = exampleRow(definition, kind);
  if (!example) {
    throw new ApiError('not_found', kind === 'claims'
      ? 'This contract has no participant-level outcome (or no cohort): it takes aggregate results (templates/results.csv or .xlsx).'
      : 'This contract has no aggregate metric (or no cohort or period): it takes participant claims (templates/claims.csv or .xlsx).');
  }
  const columns = kind === 'claims' ? claimColumns : resultColumns;
  const columnKinds = columns.map(kindOf);
  const cells: Cell[] = columns.map((column) => example[column] ?? '');
  const name = `${kind}-template-${definition.reference ?? id}`.replace(/[^A-Za-z0-9._-]/g, '_');
  if (format === 'csv') {
    const options = exportOptions(query);
    const body = (options.bom ? '\uFEFF' : '') + line(columns.map((column) => csvField(column, true, options.separator)), options.separator) +
      csvLine(cells, columnKinds, options);
    return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }) as never;
  }
  const lang = query.lang ?? langOf(c.req.header('accept-language'));
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(kind);
  const header = data.addRow([...columns]);
  header.font = { bold: true };
  const typed = cells.map((value, i) => xlsxCell(value, columnKinds[i]!));
  const row = data.addRow(typed.map((t) => t.value));
  typed.forEach((t, i) => { if (t.numFmt) row.getCell(i + 1).numFmt = t.numFmt; });
  columns.forEach((column, i) => {
    data.getColumn(i + 1).width = Math.max(12, column.length + 2);
    if (columnKinds[i] === 'date') data.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet(text[lang].sheet);
  help.addRow([text[lang].intro(definition.title ?? id, kind)]).font = { italic: true };
  help.addRow([]);
  explanation(definition, kind, lang).forEach((cellsOfRow, i) => {
    const r = help.addRow(cellsOfRow);
    r.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) r.font = { bold: true };
  });
  [24, 14, 30, 60, 70].forEach((width, i) => { help.getColumn(i + 1).width = width; });
  const buffer = await workbook.xlsx.writeBuffer();
  return c.body(new Uint8Array(buffer as ArrayBuffer), 200, { 'content-type': XLSX_CONTENT_TYPE, 'content-disposition': `attachment; filename="${name}.xlsx"` }) as never;
};
