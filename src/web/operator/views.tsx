import type { FieldProblem } from '../../api/errors/api-error.ts';
import { localeOf } from '../../api/measurements/dialect.ts';
import type { Contract, SubmissionKind } from '../../db/schema.ts';
import { measurementKinds } from '../../usecases/measurement-kinds.ts';
import type { PageContext } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import type { NextDue } from '../pages/next-due.ts';
import type { Draft } from './drafts.ts';
import { operatorMessages } from './messages.ts';
import type { RecordRow, StatusCounts, SubmissionRow } from './queries.ts';
import { rowProblemText } from './row-problems.ts';

/** The operator's pages (issue 17): markup only; index.tsx reads, acts and chooses the page. */

const msgs = (page: PageContext) => page.messages(operatorMessages);

export interface DeskRow { contract: Contract; next: NextDue | null; counts: StatusCounts }

export interface UploadForm {
  kind: SubmissionKind;
  charset: string;
  locale: string;
  /** The contract's declared spreadsheet locale, if any. */
  contractLocale: string | undefined;
  /** Whether the contract accepts data (active, with a version in force). */
  active: boolean;
}

function ContractLine(props: { page: PageContext; contract: Contract }) {
  return <p class="hint">{msgs(props.page)('upload.contract', { title: props.contract.title })} · {props.contract.reference}</p>;
}

function ContractLinks(props: { page: PageContext; contractId: string }) {
  const m = msgs(props.page);
  return (
    <p class="actions">
      <a class="button secondary" href={`/contracts/${props.contractId}/upload`}>{m('desk.upload')}</a>
      <a class="button secondary" href={`/contracts/${props.contractId}/submissions`}>{m('desk.submissions')}</a>
    </p>
  );
}

export function DeskPage(props: { page: PageContext; rows: DeskRow[] }) {
  const { page, rows } = props;
  const m = msgs(page);
  const viewer = page.viewer!;
  return (
    <Layout page={page} title={m('desk.title')}>
      <h1>{m('desk.title')}</h1>
      <p>{m('desk.intro', { organisation: viewer.organisationName })}</p>
      {rows.length === 0 ? <p>{m('desk.none')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table id="operated">
            <caption>{m('desk.caption', { organisation: viewer.organisationName })}</caption>
            <thead>
              <tr>
                <th scope="col">{m('desk.contract')}</th>
                <th scope="col">{m('desk.next')}</th>
                <th scope="col" class="num">{m('desk.pending')}</th>
                <th scope="col" class="num">{m('desk.rejected')}</th>
                <th scope="col" class="num">{m('desk.disputed')}</th>
                <th scope="col">{m('desk.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ contract, next, counts }) => (
                <tr data-contract-id={contract.id}>
                  <th scope="row"><span>{contract.title}</span> <span class="hint">{contract.reference}</span></th>
                  <td>{!next ? m('desk.nothingDue') : next.kind === 'approval' ? m('desk.awaitingApproval', { version: next.version })
                    : m('desk.nextEvaluation', { date: page.format.dateTime(next.on, next.timeZone) })}</td>
                  <td class="num" data-count="pending">{page.format.number(String(counts.submitted))}</td>
                  <td class="num" data-count="rejected">{page.format.number(String(counts.rejected))}</td>
                  <td class="num" data-count="disputed">{page.format.number(String(counts.disputed))}</td>
                  <td>
                    {contract.status === 'active' ? <a href={`/contracts/${contract.id}/upload`}>{m('desk.upload')}<span class="visually-hidden"> — {contract.title}</span></a> : null}
                    {contract.status === 'active' ? ' · ' : null}
                    <a href={`/contracts/${contract.id}/submissions`}>{m('desk.submissions')}<span class="visually-hidden"> — {contract.title}</span></a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

const templates = ['claims.csv', 'claims.xlsx', 'results.csv', 'results.xlsx'] as const;

export function UploadPage(props: { page: PageContext; contract: Contract; form: UploadForm; script: string; limit: number; error?: string | undefined; notice?: string | undefined }) {
  const { page, contract, form } = props;
  const m = msgs(page);
  const mb = (bytes: number) => `${page.format.number((bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0))} MB`;
  const size = mb(props.limit);
  const localeChoices: { value: string; label: string }[] = [
    form.contractLocale ? { value: '', label: m('upload.locale.contract', { tag: form.contractLocale }) } : { value: '', label: m('upload.locale.none') },
    ...(['fr-FR', 'en-GB', 'en-US'] as const).filter((t) => t !== form.contractLocale).map((t) => ({ value: t, label: m(`upload.locale.${t}`) })),
  ];
  const lang = page.locale;
  return (
    <Layout page={page} title={m('upload.title')}>
      <h1>{m('upload.title')}</h1>
      <ContractLine page={page} contract={contract} />
      {props.notice ? <Notice kind="warn"><p>{props.notice}</p></Notice> : null}
      {props.error ? <Notice kind="error" title={page.t('form.problem')}><p><a href="#file">{props.error}</a></p></Notice> : null}
      {!form.active ? <Notice kind="warn"><p>{m('desk.notActive')}</p></Notice> : null}
      <p>{m('upload.intro')}</p>
      <form method="post" action={`/contracts/${contract.id}/upload`} enctype="multipart/form-data" data-upload="true" class="panel">
        <CsrfField page={page} />
        <fieldset>
          <legend>{m('upload.kind')}</legend>
          {(['participant_claims', 'aggregate_results'] as const).map((k) => (
            <div class="choice">
              <input type="radio" id={`kind-${k}`} name="kind" value={k} checked={form.kind === k} />
              <label for={`kind-${k}`}>{m(`upload.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="file">{m('upload.file')}</label>
          <span class="hint" id="file-hint">{m('upload.fileHint', { size })}</span>
          {props.error ? <span class="error-text" id="file-error">{props.error}</span> : null}
          <input type="file" id="file" name="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={props.error ? 'file-hint file-error' : 'file-hint'} aria-invalid={props.error ? 'true' : undefined} />
        </div>
        <div class="drop-zone panel" data-drop-zone="true" hidden>
          <p>{m('upload.drop')}</p>
          <p class="hint" data-chosen-file="true" aria-live="polite"></p>
        </div>
        <div class="field">
          <label for="charset">{m('upload.charset')}</label>
          <select id="charset" name="charset">
            {(['auto', 'utf-8', 'windows-1252', 'iso-8859-15'] as const).map((c) => <option value={c} selected={form.charset === c}>{m(`upload.charset.${c}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="locale">{m('upload.locale')}</label>
          <select id="locale" name="locale">
            {localeChoices.map((o) => <option value={o.value} selected={form.locale === o.value}>{o.label}</option>)}
          </select>
        </div>
        <div class="field" data-progress="true" hidden>
          <label for="upload-progress">{m('upload.progress')}</label>
          <progress id="upload-progress" max="100" value="0"></progress>
        </div>
        <div class="actions">
          <button type="submit">{m('upload.preview')}</button>
        </div>
      </form>
      <h2>{m('upload.templates')}</h2>
      <p>{m('upload.templatesIntro')}</p>
      <ul>
        {templates.map((f) => (
          <li><a href={`/v1/contracts/${contract.id}/templates/${f}?lang=${lang}`} download>{m(`upload.template.${f}`)}</a></li>
        ))}
      </ul>
      <script src={props.script} defer></script>
    </Layout>
  );
}

/** The spreadsheet's row number of a problem: the worksheet's own (XLSX), or the CSV data row plus its header line(s). */
function sheetRow(row: number | undefined, headerLines: number, xlsx: boolean): number | undefined {
  if (row === undefined) return undefined;
  if (xlsx) return row === 0 ? undefined : row;
  return row + headerLines;
}

export function ProblemsTable(props: { page: PageContext; errors: readonly FieldProblem[] | readonly { row: number; column: string; message: string }[]; total: number; headerLines: number; xlsx: boolean }) {
  const { page, errors, total } = props;
  const m = msgs(page);
  return (
    <>
      <div class="table-wrap" tabindex={0}>
        <table id="problems">
          <caption>{m('problems.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">{m('problems.row')}</th>
              <th scope="col">{m('problems.column')}</th>
              <th scope="col">{m('problems.message')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((p) => {
              const row = sheetRow(p.row, props.headerLines, props.xlsx);
              return (
                <tr data-row={row}>
                  <th scope="row" class="num">{p.row === 0 ? m('problems.header') : row === undefined ? '' : page.format.number(String(row))}</th>
                  <td><code>{'column' in p && p.column ? p.column : ('path' in p ? p.path : '')}</code></td>
                  <td>{rowProblemText(page, p)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {total > errors.length ? <p>{m('problems.more', { listed: errors.length, total })}</p> : null}
    </>
  );
}

/** How the file was read, from the dialect string the API reports (charset=…; separator=…; locale=…; sep-line=true / sheet="…"). */
function ReadAs(props: { page: PageContext; draft: Draft }) {
  const { page, draft } = props;
  const m = msgs(page);
  const parts = new Map((draft.preview?.dialect ?? '').split(';').map((p) => p.trim()).filter(Boolean).map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at), p.slice(at + 1)] as [string, string];
  }));
  const locale = parts.get('locale') ? localeOf(parts.get('locale')!) : undefined;
  const charset = parts.get('charset');
  const rows: [string, string][] = [];
  if (parts.has('sheet')) rows.push([m('preview.sheet'), JSON.parse(parts.get('sheet')!) as string]);
  if (charset) rows.push([m('preview.encoding'), draft.charsetDetected ? m('preview.detected', { charset }) : charset]);
  const separator = parts.get('separator');
  if (separator === 'comma' || separator === 'semicolon' || separator === 'tab') {
    rows.push([m('preview.separator'), m(`preview.sep.${separator}`) + (parts.get('sep-line') === 'true' ? m('preview.sepLine') : '')]);
  }
  rows.push([m('preview.locale'), locale ? m('preview.decimal', { decimal: locale.decimal, pattern: locale.datePattern, tag: locale.tag }) : m('preview.standard')]);
  return (
    <dl class="read-as" id="read-as">
      {rows.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
    </dl>
  );
}

export function PreviewPage(props: { page: PageContext; contract: Contract; draft: Draft; draftId: string; formKey: string }) {
  const { page, contract, draft } = props;
  const preview = draft.preview!;
  const m = msgs(page);
  const kind = measurementKinds[draft.kind];
  const columns = preview.header.length > 0 ? preview.header : kind.columns;
  const headerLines = preview.dialect?.includes('sep-line=true') ? 2 : 1;
  const xlsx = !preview.dialect?.includes('charset=');
  return (
    <Layout page={page} title={m('preview.title', { file: draft.fileName })}>
      <h1>{m('preview.title', { file: draft.fileName })}</h1>
      <ContractLine page={page} contract={contract} />
      <Notice kind="info"><p>{m('preview.nothingStored')}</p></Notice>
      <h2>{m('preview.readAs')}</h2>
      <ReadAs page={page} draft={draft} />
      <dl class="read-as">
        <dt>{m('upload.kind')}</dt><dd>{m(`upload.kind.${draft.kind}`)}</dd>
        <dt>{m('preview.rows')}</dt><dd id="row-count">{page.format.number(String(preview.rows))}</dd>
        <dt>{m('preview.columns')}</dt><dd>{preview.header.map((h) => <code>{h}</code>).reduce<unknown[]>((a, e, i) => (i ? [...a, ', ', e] : [e]), [])}</dd>
        {preview.absentColumns.length > 0 ? <><dt>{m('preview.absent')}</dt><dd>{preview.absentColumns.join(', ')}</dd></> : null}
      </dl>
      {preview.totalProblems > 0 ? (
        <Notice kind="error" title={m('problems.refused')}><p>{m('preview.problems', { count: preview.totalProblems })}</p></Notice>
      ) : <Notice kind="ok"><p>{m('preview.ok')}</p></Notice>}
      {preview.totalProblems > 0 ? <ProblemsTable page={page} errors={preview.problems} total={preview.totalProblems} headerLines={headerLines} xlsx={xlsx} /> : null}
      <div class="table-wrap" tabindex={0}>
        <table id="sample">
          <caption>{m('preview.sampleCaption', { count: preview.sample.length })}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">{m('problems.row')}</th>
              {columns.map((col) => <th scope="col"><code>{col}</code></th>)}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row) => (
              <tr>
                <th scope="row" class="num">{page.format.number(String(sheetRow(row.rowNumber, headerLines, xlsx) ?? row.rowNumber))}</th>
                {row.unreadable
                  ? <td colspan={columns.length}>{m('preview.unreadable', { message: row.unreadable })}</td>
                  : columns.map((col) => <td>{row.raw[col] === undefined || row.raw[col] === null ? '' : String(row.raw[col])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        {preview.totalProblems === 0 ? (
          <form method="post" action={`/contracts/${contract.id}/upload/${props.draftId}`}>
            <CsrfField page={page} />
            <input type="hidden" name="key" value={props.formKey} />
            <button type="submit">{m('preview.submit', { count: page.format.number(String(preview.rows)) })}</button>
          </form>
        ) : null}
        <a class="button secondary" href={`/contracts/${contract.id}/upload`}>{m('preview.again')}</a>
      </div>
    </Layout>
  );
}

/** A file refused: as a whole (its header, its encoding) or row by row. Nothing was stored. */
export function RefusedPage(props: { page: PageContext; contract: Contract; fileName: string; message: string; errors: readonly FieldProblem[]; total: number; headerLines: number; xlsx: boolean }) {
  const { page, contract } = props;
  const m = msgs(page);
  return (
    <Layout page={page} title={m('problems.refused')}>
      <h1>{m('problems.refused')}</h1>
      <ContractLine page={page} contract={contract} />
      <Notice kind="error" title={m('preview.fileProblem')}>
        <p><strong>{props.fileName}</strong>: {props.message}</p>
      </Notice>
      {props.errors.length > 0 ? <ProblemsTable page={page} errors={props.errors} total={props.total} headerLines={props.headerLines} xlsx={props.xlsx} /> : null}
      <p class="actions"><a class="button" href={`/contracts/${contract.id}/upload`}>{m('preview.again')}</a></p>
    </Layout>
  );
}

export function ReceiptPage(props: { page: PageContext; contract: Contract; submission: SubmissionRow; receipt: string | null; replayed: boolean }) {
  const { page, contract, submission: s } = props;
  const m = msgs(page);
  return (
    <Layout page={page} title={m('receipt.title')}>
      <h1>{m('receipt.title')}</h1>
      <ContractLine page={page} contract={contract} />
      {props.replayed ? <Notice kind="info"><p>{m('receipt.replayed')}</p></Notice> : <Notice kind="ok"><p>{m('receipt.intro')}</p></Notice>}
      <div class="table-wrap" tabindex={0}>
        <table id="receipt">
          <caption>{m('receipt.caption')}</caption>
          <tbody>
            <tr><th scope="row">{m('receipt.submission')}</th><td><code>{s.id}</code></td></tr>
            <tr><th scope="row">{m('upload.kind')}</th><td>{m(`upload.kind.${s.kind}`)}</td></tr>
            <tr><th scope="row">{m('receipt.rows')}</th><td class="num" data-receipt="rows">{page.format.number(String(s.rows))}</td></tr>
            <tr><th scope="row">{m('receipt.corrections')}</th><td class="num" data-receipt="corrections">{page.format.number(String(s.corrections))}</td></tr>
            <tr><th scope="row">{m('receipt.version')}</th><td class="num">{s.contractVersion}</td></tr>
            <tr><th scope="row">{m('receipt.at')}</th><td>{page.format.dateTime(s.submittedAt)}</td></tr>
            <tr><th scope="row">{m('receipt.digest')}</th><td><code>{s.bodyDigest}</code></td></tr>
            <tr><th scope="row">{m('receipt.audit')}</th><td><code data-receipt="audit">{props.receipt ?? '—'}</code><span class="hint">{m('receipt.auditHint')}</span></td></tr>
          </tbody>
        </table>
      </div>
      <ContractLinks page={page} contractId={contract.id} />
    </Layout>
  );
}

function StatusBadge(props: { page: PageContext; status: RecordRow['status'] }) {
  return <span class={`badge status-${props.status}`}>{msgs(props.page)(`status.${props.status}`)}</span>;
}

export function SubmissionsPage(props: {
  page: PageContext; contract: Contract; submissions: SubmissionRow[]; counts: Map<string, StatusCounts>; rejected: RecordRow[]; disputed: RecordRow[];
  notice: 'correction' | 'dispute' | undefined;
}) {
  const { page, contract, submissions, counts } = props;
  const m = msgs(page);
  const n = (v: number) => page.format.number(String(v));
  return (
    <Layout page={page} title={m('subs.title')}>
      <h1>{m('subs.title')}</h1>
      <ContractLine page={page} contract={contract} />
      {props.notice === 'correction' ? <Notice kind="ok"><p>{m('correct.done')}</p></Notice> : null}
      {props.notice === 'dispute' ? <Notice kind="ok"><p>{m('dispute.done')}</p></Notice> : null}
      <p>{m('subs.intro')}</p>
      {contract.status === 'active' ? <p><a class="button" href={`/contracts/${contract.id}/upload`}>{m('desk.upload')}</a></p> : null}
      {submissions.length === 0 ? <p>{m('subs.none')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table id="submissions">
            <caption>{m('subs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('subs.at')}</th>
                <th scope="col">{m('subs.kind')}</th>
                <th scope="col">{m('subs.by')}</th>
                <th scope="col" class="num">{m('subs.rows')}</th>
                <th scope="col" class="num">{m('subs.pending')}</th>
                <th scope="col" class="num">{m('subs.validated')}</th>
                <th scope="col" class="num">{m('subs.rejected')}</th>
                <th scope="col" class="num">{m('subs.disputed')}</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => {
                const c = counts.get(s.id) ?? { submitted: 0, validated: 0, rejected: 0, disputed: 0 };
                return (
                  <tr data-submission-id={s.id}>
                    <th scope="row"><a href={`/contracts/${contract.id}/submissions/${s.id}`}>{page.format.dateTime(s.submittedAt)}</a></th>
                    <td>{m(`upload.kind.${s.kind}`)}</td>
                    <td>{s.memberName ?? '—'}</td>
                    <td class="num">{n(s.rows)}</td>
                    <td class="num" data-count="pending">{n(c.submitted)}</td>
                    <td class="num" data-count="validated">{n(c.validated)}</td>
                    <td class="num" data-count="rejected">{n(c.rejected)}</td>
                    <td class="num" data-count="disputed">{n(c.disputed)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="rejected">{m('subs.rejectedTitle')}</h2>
      {props.rejected.length === 0 ? <p>{m('subs.rejectedNone')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table id="rejected-records">
            <caption>{m('subs.rejectedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('subs.record')}</th>
                <th scope="col">{m('subs.reason')}</th>
                <th scope="col">{m('desk.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rejected.map((r) => (
                <tr data-record-id={r.id}>
                  <th scope="row">{r.label} <StatusBadge page={page} status={r.status} /></th>
                  <td>{r.reason ?? ''}</td>
                  <td>
                    <a href={`/contracts/${contract.id}/records/${r.kind}/${r.id}/correct`}>{m('subs.correct')}<span class="visually-hidden"> {r.label}</span></a>
                    {' · '}
                    <a href={`/contracts/${contract.id}/records/${r.kind}/${r.id}/dispute`}>{m('subs.dispute')}<span class="visually-hidden"> {r.label}</span></a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.disputed.length > 0 ? (
        <>
          <h2>{m('subs.disputedTitle')}</h2>
          <div class="table-wrap" tabindex={0}>
            <table id="disputed-records">
              <caption>{m('subs.disputedTitle')}</caption>
              <thead><tr><th scope="col">{m('subs.record')}</th><th scope="col">{m('subs.reason')}</th></tr></thead>
              <tbody>
                {props.disputed.map((r) => (
                  <tr data-record-id={r.id}><th scope="row">{r.label} <StatusBadge page={page} status={r.status} /></th><td>{r.reason ?? ''}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Layout>
  );
}

const dateColumns = new Set(['achieved_on', 'held_from', 'measured_on']);

export function CorrectPage(props: {
  page: PageContext; contract: Contract; record: RecordRow; values: Record<string, string>; formKey: string;
  problems?: readonly FieldProblem[]; message?: string;
}) {
  const { page, contract, record } = props;
  const m = msgs(page);
  const columns = measurementKinds[record.kind].columns.filter((c) => c !== 'supersedes');
  const required = new Set(measurementKinds[record.kind].requiredColumns);
  const errorOf = (column: string) => props.problems?.filter((p) => p.column === column).map((p) => rowProblemText(page, p)).join('; ') || undefined;
  return (
    <Layout page={page} title={m('correct.title')}>
      <h1>{m('correct.title')}</h1>
      <ContractLine page={page} contract={contract} />
      {props.message ? (
        <Notice kind="error" title={m('correct.failed')}>
          <p>{props.message}</p>
          <ul>
            {(props.problems ?? []).map((p) => <li>{p.column && columns.includes(p.column) ? <a href={`#f-${p.column}`}>{`${p.column}: ${rowProblemText(page, p)}`}</a> : rowProblemText(page, p)}</li>)}
          </ul>
        </Notice>
      ) : null}
      <p>{m('correct.intro')}</p>
      <p><strong>{record.label}</strong> — {m('correct.rejectedBecause', { reason: record.reason ?? '' })}</p>
      <form method="post" action={`/contracts/${contract.id}/records/${record.kind}/${record.id}/correct`} class="panel narrow">
        <CsrfField page={page} />
        <input type="hidden" name="key" value={props.formKey} />
        {columns.map((col) => (
          <Field id={`f-${col}`} name={col} label={col} value={props.values[col] ?? ''} required={required.has(col)} error={errorOf(col)}
            hint={dateColumns.has(col) ? 'yyyy-mm-dd' : undefined} />
        ))}
        <div class="actions"><button type="submit">{m('correct.submit')}</button></div>
      </form>
    </Layout>
  );
}

export function DisputePage(props: {
  page: PageContext; contract: Contract; record: RecordRow; values: { reason: string; evidenceRef: string };
  error?: { field: 'reason' | 'evidenceRef'; message: string };
}) {
  const { page, contract, record, values, error } = props;
  const m = msgs(page);
  return (
    <Layout page={page} title={m('dispute.title')}>
      <h1>{m('dispute.title')}</h1>
      <ContractLine page={page} contract={contract} />
      {error ? <Notice kind="error" title={page.t('form.problem')}><p><a href={`#${error.field}`}>{error.message}</a></p></Notice> : null}
      <p>{m('dispute.intro')}</p>
      <p><strong>{record.label}</strong> — {m('correct.rejectedBecause', { reason: record.reason ?? '' })}</p>
      <form method="post" action={`/contracts/${contract.id}/records/${record.kind}/${record.id}/dispute`} class="panel narrow">
        <CsrfField page={page} />
        <div class="field">
          <label for="reason">{m('dispute.reason')}</label>
          {error?.field === 'reason' ? <span class="error-text" id="reason-error">{error.message}</span> : null}
          <textarea id="reason" name="reason" rows={4} required aria-describedby={error?.field === 'reason' ? 'reason-error' : undefined}
            aria-invalid={error?.field === 'reason' ? 'true' : undefined}>{values.reason}</textarea>
        </div>
        <Field id="evidenceRef" label={m('dispute.evidence')} hint={m('dispute.evidenceHint')} value={values.evidenceRef} required
          error={error?.field === 'evidenceRef' ? error.message : undefined} />
        <div class="actions"><button type="submit">{m('dispute.submit')}</button></div>
      </form>
    </Layout>
  );
}
