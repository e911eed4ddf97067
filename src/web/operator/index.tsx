import { Hono } from 'hono';
import { ApiError, type FieldProblem } from '../../api/errors/api-error.ts';
import { limitStream } from '../../api/middleware/body-limit.ts';
import { spreadsheetSource } from '../../api/measurements/submit.ts';
import { jsonSource } from '../../api/measurements/upload-source.ts';
import { XLSX_TYPE } from '../../api/measurements/xlsx-source.ts';
import { actorOf } from '../../api/write.ts';
import { listContractsForOrganisation, rolesByContract, termsInForce } from '../../db/queries/contracts.ts';
import type { SubmissionKind } from '../../db/schema.ts';
import type { RawRow } from '../../domain/measurement/rows.ts';
import { measurementKinds } from '../../usecases/measurement-kinds.ts';
import { openDispute } from '../../usecases/open-dispute.ts';
import { previewMeasurements } from '../../usecases/preview-measurements.ts';
import { submitMeasurements } from '../../usecases/submit-measurements.ts';
import { contractPage, PageNotFound } from '../access.ts';
import { act, formKeyOf, formOf } from '../actions.ts';
import { uploadScript, uploadScriptPath } from '../assets/upload-progress.ts';
import { memberPage } from '../auth.ts';
import type { WebContext, WebEnv } from '../context.ts';
import { registerNav } from '../nav.ts';
import { nextDueByContract } from '../pages/next-due.ts';
import { render, seeOther } from '../render.ts';
import { draftOf, keepDraft } from './drafts.ts';
import { operatorMessages } from './messages.ts';
import { recordCounts, recordOf, recordsOf, submissionsOf, submissionWithReceipt } from './queries.ts';
import {
  CorrectPage, type DeskRow, DeskPage, DisputePage, PreviewPage, ReceiptPage, RefusedPage, SubmissionsPage, UploadPage, type UploadForm,
} from './views.tsx';

/**
 * The operator's desk (issue 17): the contracts it operates with what is due and what awaits
 * review; the upload of a CSV or XLSX file with a preview of how it is read before anything is
 * stored (the API's own reading code: spreadsheetSource, and the read-only previewMeasurements),
 * then its submission through the API's action (submitMeasurements, idempotent by a key generated
 * into the form); the submissions with their records' review state; the correction of a rejected
 * record (a one-record upload superseding it, through the same action) and the dispute of a
 * rejection (openDispute, as POST …/disputes). Every route: memberPage() then contractPage(action)
 * from the API's permissions table; another organisation's member gets the 404 page.
 */
registerNav({ href: '/operator', label: (page) => page.messages(operatorMessages)('nav.desk'), show: (v) => !v.isPlatformAdmin && v.organisationKind === 'operator', order: 10 });

/** Files larger than this go through the API (the preview keeps the file in memory until it is submitted). */
export const WEB_UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS: readonly SubmissionKind[] = ['participant_claims', 'aggregate_results'];
const CHARSETS = ['auto', 'utf-8', 'windows-1252', 'iso-8859-15'] as const;
export const LOCALE_CHOICES = ['', 'fr-FR', 'en-GB', 'en-US'] as const;

const kindOf = (value: string | undefined): SubmissionKind | undefined => (KINDS as readonly string[]).includes(value ?? '') ? value as SubmissionKind : undefined;
const limitOf = (c: WebContext) => Math.min(WEB_UPLOAD_LIMIT_BYTES, c.var.deps.config.CSV_BODY_LIMIT_BYTES);
const sessionIdOf = (c: WebContext) => c.var.webSession!.session.id;

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({ start(controller) { controller.enqueue(bytes); controller.close(); } });
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The upload's file: a multipart form's `file` field (no JavaScript), or the raw body the page's script sends (streamed, capped). */
async function receivedFile(c: WebContext, limit: number): Promise<
  { fields: (name: string) => string; file: { name: string; bytes: Uint8Array } | undefined; tooLarge: boolean }
> {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    const body = await c.req.parseBody();
    const fields = (name: string) => (typeof body[name] === 'string' ? body[name] as string : '');
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return { fields, file: undefined, tooLarge: false };
    if (file.size > limit) return { fields, file: undefined, tooLarge: true };
    return { fields, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, tooLarge: false };
  }
  const query = c.req.query();
  const fields = (name: string) => query[name] ?? '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of (c.req.raw.body ?? streamOf(new Uint8Array())).pipeThrough(limitStream(limit)) as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  } catch (error) {
    if (error instanceof ApiError && error.code === 'payload_too_large') return { fields, file: undefined, tooLarge: true };
    throw error;
  }
  if (size === 0) return { fields, file: undefined, tooLarge: false };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.byteLength; }
  return { fields, file: { name: (fields('name') || 'upload').slice(0, 200), bytes }, tooLarge: false };
}

/** The upload form's defaults: the contract's spreadsheet locale, else French writing for a French page. */
async function formDefaults(c: WebContext, contractId: string): Promise<UploadForm> {
  const terms = await termsInForce(c.var.db, contractId);
  const contractLocale = terms?.definition.data?.spreadsheetLocale;
  const hasClaims = terms ? terms.definition.metrics.some((m) => m.level === 'participant') : true;
  return {
    kind: hasClaims ? 'participant_claims' : 'aggregate_results', charset: 'auto',
    locale: contractLocale ? '' : c.var.page.locale === 'fr' ? 'fr-FR' : '', contractLocale, active: !!terms && c.var.access.contract.status === 'active',
  };
}

async function uploadPage(c: WebContext, contractId: string, extra: Partial<UploadForm> & { error?: string; notice?: string } = {}, status: 200 | 409 | 422 = 200) {
  const defaults = await formDefaults(c, contractId);
  return render(c, <UploadPage page={c.var.page} contract={c.var.access.contract} form={{ ...defaults, ...extra }} script={uploadScriptPath} limit={limitOf(c)} error={extra.error} notice={extra.notice} />, status);
}

/** Reads the file as the API would (detecting Windows-1252 when the file is not UTF-8 and no encoding was chosen), previews it, keeps it. */
async function previewAndKeep(c: WebContext, contractId: string, input: { kind: SubmissionKind; charset: string; locale: string; file: { name: string; bytes: Uint8Array } }): Promise<string> {
  const kind = measurementKinds[input.kind];
  const xlsx = isZip(input.file.bytes) || /\.xlsx$/i.test(input.file.name);
  const query = input.locale ? { locale: input.locale } : {};
  const read = async (contentType: string) => {
    const sheet = (await spreadsheetSource(c.var.db, contractId, kind, { contentType, query, body: streamOf(input.file.bytes), maxBytes: limitOf(c) }))!;
    return previewMeasurements(c.var.db, { contractId, kind, source: sheet.source });
  };
  let contentType = xlsx ? XLSX_TYPE : input.charset === 'auto' || input.charset === 'utf-8' ? 'text/csv' : `text/csv; charset=${input.charset}`;
  let detected = false;
  const base = { sessionId: sessionIdOf(c), contractId, kind: input.kind, fileName: input.file.name, locale: input.locale, bytes: input.file.bytes };
  try {
    let preview;
    try {
      preview = await read(contentType);
    } catch (error) {
      const notUtf8 = error instanceof ApiError && error.code === 'unsupported_media_type' && /not valid UTF-8/.test(error.message);
      if (xlsx || input.charset !== 'auto' || !notUtf8) throw error;
      contentType = 'text/csv; charset=windows-1252';
      detected = true;
      preview = await read(contentType);
    }
    return keepDraft({ ...base, contentType, charsetDetected: detected, preview });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status >= 500 || error.code === 'not_found' || error.code === 'forbidden') throw error;
    return keepDraft({ ...base, contentType, charsetDetected: detected, failure: { message: error.message, errors: error.errors ?? [], totalErrors: error.totalErrors } });
  }
}

/** A one-record upload correcting `record` (the `supersedes` column), from the correction form's fields. */
function correctionRow(kind: SubmissionKind, recordId: string, field: (name: string) => string): RawRow {
  const raw: RawRow = {};
  for (const column of measurementKinds[kind].columns) if (column !== 'supersedes') raw[column] = field(column).trim();
  raw.supersedes = recordId;
  return raw;
}

/** The rows at fault, from the API's problem (422), for the problems table. */
function problemsOf(error: ApiError): { errors: FieldProblem[]; total: number } {
  return { errors: error.errors ?? [], total: error.totalErrors ?? error.errors?.length ?? 0 };
}

export const operatorPages = new Hono<WebEnv>()
  .get(uploadScriptPath, (c) => c.body(uploadScript, 200, {
    'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff',
  }))

  // My contracts, as operator: what is due next, what awaits review, what was rejected.
  .get('/operator', memberPage(), async (c) => {
    const principal = c.var.principal;
    let rows: DeskRow[] = [];
    if (!principal.isAdmin) {
      const contracts = await listContractsForOrganisation(c.var.db, { organisationId: principal.organisationId, limit: 200 });
      const roles = await rolesByContract(c.var.db, principal.organisationId, contracts.map((r) => r.id));
      const operated = contracts.filter((r) => (roles.get(r.id) ?? []).includes('operator'));
      const next = await nextDueByContract(c.var.db, operated, principal.organisationId, c.var.deps.clock());
      for (const contract of operated) {
        const { total } = await recordCounts(c.var.db, contract.id);
        rows.push({ contract, next: next.get(contract.id) ?? null, counts: total });
      }
    }
    return render(c, <DeskPage page={c.var.page} rows={rows} />);
  })

  .get('/contracts/:id/upload', memberPage(), contractPage('measurement.submit'), async (c) => uploadPage(c, c.req.param('id')))

  // The file, read and checked but not stored: kept for this session, then the preview (Post/Redirect/Get).
  .post('/contracts/:id/upload', memberPage(), contractPage('measurement.submit'), async (c) => {
    const id = c.req.param('id');
    const m = c.var.page.messages(operatorMessages);
    const { fields, file, tooLarge } = await receivedFile(c, limitOf(c));
    const kind = kindOf(fields('kind'));
    const charset = (CHARSETS as readonly string[]).includes(fields('charset')) ? fields('charset') : 'auto';
    const locale = (LOCALE_CHOICES as readonly string[]).includes(fields('locale')) ? fields('locale') : '';
    const form = { ...(kind ? { kind } : {}), charset, locale };
    if (tooLarge) return uploadPage(c, id, { ...form, error: m('upload.tooLarge', { size: c.var.page.format.number(String(Math.round(limitOf(c) / 1024 / 1024))) + ' MB' }) }, 422);
    if (!file || !kind) return uploadPage(c, id, { ...form, error: m('upload.noFile') }, 422);
    const draft = await previewAndKeep(c, id, { kind, charset, locale, file });
    return seeOther(c, `/contracts/${id}/upload/${draft}`);
  })

  .get('/contracts/:id/upload/:draft', memberPage(), contractPage('measurement.submit'), async (c) => {
    const id = c.req.param('id');
    const draft = draftOf(c.req.param('draft'), sessionIdOf(c), id);
    if (!draft) return uploadPage(c, id, { notice: c.var.page.messages(operatorMessages)('upload.expired') }, 409);
    const page = c.var.page;
    if (draft.failure) {
      return render(c, <RefusedPage page={page} contract={c.var.access.contract} fileName={draft.fileName} message={draft.failure.message}
        errors={draft.failure.errors} total={draft.failure.totalErrors ?? draft.failure.errors.length} headerLines={1} xlsx={draft.contentType === XLSX_TYPE} />, 422);
    }
    return render(c, <PreviewPage page={page} contract={c.var.access.contract} draft={draft} draftId={c.req.param('draft')} formKey={crypto.randomUUID()} />,
      draft.preview!.totalProblems > 0 ? 422 : 200);
  })

  // Submit: the API's action on the previewed bytes, under the form's Idempotency-Key (a double click stores once).
  .post('/contracts/:id/upload/:draft', memberPage(), contractPage('measurement.submit'), async (c) => {
    const id = c.req.param('id');
    const field = await formOf(c);
    const page = c.var.page;
    const draft = draftOf(c.req.param('draft'), sessionIdOf(c), id);
    if (!draft) return uploadPage(c, id, { notice: page.messages(operatorMessages)('upload.expired') }, 409);
    const key = formKeyOf(field('key'));
    if (!key) throw new ApiError('invalid_request', 'The form lacks its submission key; preview the file again.');
    const kind = measurementKinds[draft.kind];
    const sheet = (await spreadsheetSource(c.var.db, id, kind, {
      contentType: draft.contentType, query: draft.locale ? { locale: draft.locale } : {}, body: streamOf(draft.bytes), maxBytes: limitOf(c),
    }))!;
    try {
      const outcome = await submitMeasurements({ db: c.var.db, bulk: c.var.bulk, clock: c.var.deps.clock }, actorOf(c as never), {
        contractId: id, kind, source: sheet.source, contentType: sheet.contentType, idempotency: { key, operation: `POST /contracts/${id}/upload` },
      });
      const body = outcome.response.body as { id: string };
      return seeOther(c, `/contracts/${id}/submissions/${body.id}${outcome.replayed ? '?replayed=1' : ''}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'validation_failed') throw error;
      const { errors, total } = problemsOf(error);
      return render(c, <RefusedPage page={page} contract={c.var.access.contract} fileName={draft.fileName} message={error.message} errors={errors} total={total}
        headerLines={draft.preview?.dialect?.includes('sep-line=true') ? 2 : 1} xlsx={draft.contentType === XLSX_TYPE} />, 422);
    }
  })

  // My submissions: each with its records' review state; rejected records to correct or dispute.
  .get('/contracts/:id/submissions', memberPage(), contractPage('measurement.submit'), async (c) => {
    const id = c.req.param('id');
    const submissions = await submissionsOf(c.var.db, id);
    const { bySubmission } = await recordCounts(c.var.db, id);
    const rejected = await recordsOf(c.var.db, id, { status: 'rejected' });
    const disputed = await recordsOf(c.var.db, id, { status: 'disputed' });
    const notice = c.req.query('done');
    return render(c, <SubmissionsPage page={c.var.page} contract={c.var.access.contract} submissions={submissions} counts={bySubmission} rejected={rejected} disputed={disputed}
      notice={notice === 'correction' || notice === 'dispute' ? notice : undefined} />);
  })

  // The receipt of one submission: rows, corrections, its audit receipt.
  .get('/contracts/:id/submissions/:submission', memberPage(), contractPage('measurement.submit'), async (c) => {
    const id = c.req.param('id');
    const sid = c.req.param('submission');
    if (!uuid.test(sid)) throw new PageNotFound();
    const found = await submissionWithReceipt(c.var.db, id, sid);
    if (!found) throw new PageNotFound();
    return render(c, <ReceiptPage page={c.var.page} contract={c.var.access.contract} submission={found.submission} receipt={found.receipt} replayed={c.req.query('replayed') === '1'} />);
  })

  // Correct a rejected record: a one-record upload superseding it, through the API's submit action.
  .get('/contracts/:id/records/:kind/:record/correct', memberPage(), contractPage('measurement.submit'), async (c) => {
    const record = await rejectedRecord(c);
    return render(c, <CorrectPage page={c.var.page} contract={c.var.access.contract} record={record} values={record.columns} formKey={crypto.randomUUID()} />);
  })
  .post('/contracts/:id/records/:kind/:record/correct', memberPage(), contractPage('measurement.submit'), async (c) => {
    const id = c.req.param('id');
    const record = await rejectedRecord(c);
    const field = await formOf(c);
    const key = formKeyOf(field('key'));
    if (!key) throw new ApiError('invalid_request', 'The form lacks its submission key; open the correction again.');
    const raw = correctionRow(record.kind, record.id, field);
    try {
      await submitMeasurements({ db: c.var.db, bulk: c.var.bulk, clock: c.var.deps.clock }, actorOf(c as never), {
        contractId: id, kind: measurementKinds[record.kind], source: jsonSource([raw], JSON.stringify(raw)), contentType: 'application/json',
        idempotency: { key, operation: `POST /contracts/${id}/records/${record.id}/correct` },
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'validation_failed') throw error;
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) if (k !== 'supersedes') values[k] = String(v ?? '');
      return render(c, <CorrectPage page={c.var.page} contract={c.var.access.contract} record={record} values={values} formKey={crypto.randomUUID()}
        problems={problemsOf(error).errors} message={error.message} />, 422);
    }
    return seeOther(c, `/contracts/${id}/submissions?done=correction`);
  })

  // Dispute a rejection: the disputes action (as POST /v1/contracts/{id}/disputes), by the person.
  .get('/contracts/:id/records/:kind/:record/dispute', memberPage(), contractPage('dispute.open'), async (c) => {
    const record = await rejectedRecord(c);
    return render(c, <DisputePage page={c.var.page} contract={c.var.access.contract} record={record} values={{ reason: '', evidenceRef: '' }} />);
  })
  .post('/contracts/:id/records/:kind/:record/dispute', memberPage(), contractPage('dispute.open'), async (c) => {
    const id = c.req.param('id');
    const record = await rejectedRecord(c);
    const field = await formOf(c);
    const values = { reason: field('reason'), evidenceRef: field('evidenceRef') };
    try {
      await act(c, (ctx) => openDispute(ctx, { contractId: id, kind: record.kind, recordId: record.id, reason: values.reason, evidenceRef: values.evidenceRef }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'validation_failed') throw error;
      const problem = error.errors?.[0];
      return render(c, <DisputePage page={c.var.page} contract={c.var.access.contract} record={record} values={values}
        error={{ field: problem?.path === 'evidenceRef' ? 'evidenceRef' : 'reason', message: error.message }} />, 422);
    }
    return seeOther(c, `/contracts/${id}/submissions?done=dispute`);
  });

/** The `:kind/:record` of the route: a rejected, not yet corrected record of the contract (else the 404 page). */
async function rejectedRecord(c: WebContext) {
  const kind = kindOf(c.req.param('kind'));
  const recordId = c.req.param('record') ?? '';
  if (!kind || !uuid.test(recordId)) throw new PageNotFound();
  const record = await recordOf(c.var.db, c.req.param('id')!, kind, recordId);
  if (!record || record.status !== 'rejected' || record.superseded) throw new PageNotFound();
  return record;
}

