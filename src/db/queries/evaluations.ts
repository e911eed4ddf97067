import { createHash, type Hash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { PriorObligation } from '../../domain/engine/types.ts';
import type { ClaimTable } from '../../domain/measurement/claim-table.ts';
import type { AggregateResult, Drawdown } from '../../domain/measurement/types.ts';
import { readsCopyOut, unescapeCopyText } from '../copy-out.ts';
import { isEmbedded } from '../embedded.ts';
import { ClaimLineReader, claimLine, digestLine } from './claim-lines.ts';
import { newId } from '../ids.ts';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What an evaluation reads, as known at its ledger sequence number N (see migration 0005):
 * records submitted before N, validated before N (by their review, or by a dispute of their
 * rejection upheld before N), and not superseded by a correction submitted before N; obligations
 * of earlier evaluations; drawdowns recorded before N. The same query with the same N always returns the same data: an evaluation can be reproduced, and its digest
 * checked, years later.
 */
export interface EvaluationData {
  /** In id order. */
  claims: ClaimTable;
  results: AggregateResult[];
  priorObligations: PriorObligation[];
  drawdowns: Drawdown[];
  /** sha256 over the terms hash, cut-off, records and drawdowns considered. */
  digest: string;
  /** sha256 over the obligations that already existed (what the new ones are a difference from). */
  priorObligationsDigest: string;
  counts: { claims: number; results: number; priorObligations: number; drawdowns: number };
}

/**
 * The claims an evaluation reads (see loadEvaluationData), in id order, each as one line of text
 * (see claim-lines.ts). On PostgreSQL `COPY (…) TO STDOUT`: the lines arrive as COPY text, about a
 * megabyte per string (copy-out.ts), not a row object each (a million claims read in 1.7–2.1 s
 * instead of 2.5–4.1 s; 'rows' is kept for comparison in tests). On the embedded database
 * CLAIMS_PER_CHUNK lines to a value, joined by LINE_SEPARATOR: PGlite pays per value returned, so
 * a million claims arrive as 4 values instead of a million (twice as fast there; slower on a
 * server, where rows are cheap).
 * Each chunk is the next claims after the last one read (by id, a range scan of both keys), so the
 * database never numbers, groups or sorts them: at a million claims that took ~1 s of PGlite's
 * ~4.4 s (a window over every claim, then a sort of the lines by chunk, spilled to disk).
 */
const CLAIMS_PER_CHUNK = 250_000;
const LINE_SEPARATOR = '\nc ';
/** Digest lines are hashed ~64 KiB at a time (one hash call per line costs more than the hashing). */
const DIGEST_BATCH = 64 * 1024;
export type ClaimTransfer = 'rows' | 'chunks' | 'copy';

/**
 * The records (alias `c`) an evaluation reads as known at ledger sequence N: submitted before N,
 * validated before N, not superseded by a correction submitted before N, on or before the cut-off.
 * One filter for claims and results: it is what makes every evaluation reproducible.
 */
function validatedAsKnownAt(
  table: 'participant_claim' | 'aggregate_result', input: KnownAt, after?: string, literals = false,
) {
  // COPY takes no parameters: its statement carries the values as quoted literals
  const value = (v: string) => (literals ? sql.lit(v) : sql`${v}`);
  const contractId = value(input.contractId);
  const n = value(input.sequence);
  // Under the contract lock every submission of the contract is numbered before N (see KnownAt):
  // the joins that would check it are left out (a million claims read on PGlite in 4.3–4.6 s instead of 4.5–7.1 s)
  const submittedBefore = (record: 'c' | 'x', submission: 's' | 'xs') => (input.underContractLock
    ? { join: sql``, before: sql`` }
    : { join: sql`join submission ${sql.raw(submission)} on ${sql.raw(submission)}.id = ${sql.raw(record)}.submission_id`, before: sql`and ${sql.raw(submission)}.ledger_seq < ${n}` });
  const record = submittedBefore('c', 's');
  const correction = submittedBefore('x', 'xs');
  const [reviewOf, dated, disputed] = table === 'participant_claim'
    ? ['r.claim_id', 'c.achieved_on', 'd.claim_id'] : ['r.result_id', 'c.measured_on', 'd.result_id'];
  // Validated: by its review, or rejected and then a dispute of it upheld before N (migration 0015).
  // A record's review carries the record's contract (migration 0017's key): naming it lets the
  // planner read only this contract's reviews (claims': in claim order, by migration 0022's index)
  // instead of every review.
  // Not superseded: 'x.supersedes_id is not null' changes nothing (c.id is never null) but lets the
  // planner read only the corrections from the supersedes_id index instead of hashing every record
  // of every contract for the anti-join.
  return sql`
    from ${sql.table(table)} c
    ${record.join}
    join measurement_review r on ${sql.ref(reviewOf)} = c.id and r.contract_id = c.contract_id
    where c.contract_id = ${contractId} and r.contract_id = ${contractId} and ${sql.ref(dated)} <= ${value(input.asOf)}
      ${after === undefined ? sql`` : sql`and c.id > ${value(after)} and ${sql.ref(reviewOf)} > ${value(after)}`}
      ${record.before} and r.ledger_seq < ${n}
      and (r.decision = 'validated' or (r.decision = 'rejected' and c.id in (
        select ${sql.ref(disputed)} from dispute d
        where d.contract_id = ${contractId} and d.state = 'upheld' and d.resolved_ledger_seq < ${n})))
      and not exists (
        select 1 from ${sql.table(table)} x ${correction.join}
        where x.supersedes_id = c.id and x.supersedes_id is not null ${correction.before})`;
}

/** Which records an evaluation reads: those of a contract as known at ledger number N (`sequence`), on or before `asOf`. */
export interface KnownAt {
  contractId: string;
  asOf: string;
  sequence: string;
  /**
   * The caller took N while holding the contract's row lock exclusively (evaluateContract), so
   * every submission of the contract has a number below N: those committed before the lock were
   * numbered before it, and an upload takes the lock in share mode before numbering its submission
   * (contractForUpload), so none can be numbered while it is held. Reading an evaluation again
   * later (audit verification) or a dry run leaves it unset: later submissions may exist then.
   */
  underContractLock?: boolean;
}

/** Runs `work` with parallel plans off, local to the transaction, and puts the setting back after it. */
async function withoutParallelWorkers<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const { rows: [workers] } = await sql<{ value: string }>`select current_setting('max_parallel_workers_per_gather') as value`.execute(db);
  await sql`select set_config('max_parallel_workers_per_gather', '0', true)`.execute(db);
  const result = await work();
  await sql`select set_config('max_parallel_workers_per_gather', ${workers!.value}, true)`.execute(db);
  return result;
}

/** The claims, their lines hashed into `digest` in the same order. */
async function loadClaims(
  db: Db, input: KnownAt, transfer: ClaimTransfer, claimsPerChunk: number, digest: Hash,
): Promise<ClaimTable> {
  const reader = new ClaimLineReader();
  let batch = '';
  // `escaped`: the line's reference travelled escaped, so its digest line is written again from the claim
  const take = (line: string, escaped: boolean) => {
    const k = reader.read(line, escaped);
    batch += `c ${escaped ? digestLine(reader.table.claim(k)) : line}\n`;
    if (batch.length >= DIGEST_BATCH) {
      digest.update(batch);
      batch = '';
    }
  };
  // Digest lines that came whole: hashed as they came (after the lines taken before them)…
  const hashAsCame = (...parts: string[]) => {
    digest.update(batch);
    batch = '';
    for (const part of parts) digest.update(part);
  };
  // …and read where they sit: text[from, to) is lines joined by LINE_SEPARATOR
  const readInPlace = (text: string, from: number, to: number) => {
    for (let start = from; start < to;) {
      let end = text.indexOf('\n', start);
      if (end === -1 || end > to) end = to;
      reader.read(text, false, start, end);
      start = end + LINE_SEPARATOR.length;
    }
  };
  if (transfer === 'copy') {
    // COPY (query) TO STDOUT (see copy-out.ts): each line is the claim's digest line ("c …"), so the
    // text is hashed as it came and its lines read where they sit; a reference holding a character
    // COPY escapes (a backslash in the text) is read, and hashed, as the value it stands for.
    // No parallel plan, as for rows: the lines stream while the service reads them.
    const query = sql`select 'c ' || ${claimLine(false)} ${validatedAsKnownAt('participant_claim', input, undefined, true)} order by c.id`.compile(db);
    await withoutParallelWorkers(db, async () => {
      for await (const { rows } of db.getExecutor().stream<{ text: string }>(query, 1)) {
        for (const { text } of rows) {
          if (text.includes('\\')) {
            for (const line of text.slice(0, -1).split('\n')) take(unescapeCopyText(line).slice(2), false);
          } else {
            hashAsCame(text);
            readInPlace(text, 2, text.endsWith('\n') ? text.length - 1 : text.length);
          }
        }
      }
    });
  } else if (transfer === 'rows') {
    // A parallel plan hashes claims and reviews and sorts the result: nothing arrives until every
    // claim is sorted. A plan without workers reads claims and reviews in id order by their keys
    // (migration 0022) and streams them while the service decodes: at a million claims the first
    // row comes after ~20 ms instead of ~1.4 s. For this statement only (local to the transaction).
    const { rows } = await withoutParallelWorkers(db, () => sql<{ line: string }>`
      select ${claimLine(false)} as line ${validatedAsKnownAt('participant_claim', input)} order by c.id`.execute(db));
    for (const row of rows) take(row.line, false);
  } else {
    // Lines are joined by "\nc ", so a chunk is its claims' digest lines without the first "c "
    // and the last newline: hashed as it came, its lines read where they sit.
    for (let after: string | undefined; ;) {
      const { rows: [chunk] } = await sql<{ lines: string | null; claims: number }>`
        select string_agg(line, ${LINE_SEPARATOR} order by id) as lines, count(*)::int as claims
        from (select c.id, ${claimLine(true)} as line ${validatedAsKnownAt('participant_claim', input, after)} order by c.id limit ${claimsPerChunk}) z`.execute(db);
      const lines = chunk?.lines;
      if (!lines) break;
      // a backslash can only be in a reference (every other field is a key, a date or a number):
      // its line is read, and written again for the digest, on its own
      if (lines.includes('\\')) {
        for (const line of lines.split(LINE_SEPARATOR)) take(line, line.includes('\\'));
      } else {
        hashAsCame('c ', lines, '\n');
        readInPlace(lines, 0, lines.length);
      }
      if (chunk.claims < claimsPerChunk) break;
      after = reader.table.id(reader.table.length - 1);
    }
  }
  digest.update(batch);
  return reader.table;
}

export async function loadEvaluationData(
  db: Db,
  input: KnownAt & { versionHash: string },
  { transfer = isEmbedded(db) ? 'chunks' : readsCopyOut(db) ? 'copy' : 'rows', claimsPerChunk = CLAIMS_PER_CHUNK }: { transfer?: ClaimTransfer; claimsPerChunk?: number } = {},
): Promise<EvaluationData> {
  const n = input.sequence;
  const hash = createHash('sha256');
  hash.update(`terms ${input.versionHash}\nas-of ${input.asOf}\n`);
  const claims = await loadClaims(db, input, transfer, claimsPerChunk, hash);
  const resultRows = await sql<{
    id: string; metric: string; cohort: string | null; period: string | null; measured_on: string; treatment_value: string;
    comparison_value: string | null; treatment_sample_size: number | null; comparison_sample_size: number | null;
  }>`
    select c.id, c.metric, c.cohort, c.period, c.measured_on, c.treatment_value, c.comparison_value,
           c.treatment_sample_size, c.comparison_sample_size
    ${validatedAsKnownAt('aggregate_result', input)}
    order by c.id`.execute(db);
  const obligationRows = await sql<{ id: string; line_key: string; amount: string; due_on: string }>`
    select o.id, o.line_key, o.amount, o.due_on from obligation o join evaluation e on e.id = o.evaluation_id
    where o.contract_id = ${input.contractId} and e.ledger_seq < ${n}
    order by o.id`.execute(db);
  const drawdowns = await loadDrawdowns(db, input.contractId, n);

  const results: AggregateResult[] = resultRows.rows.map((r) => {
    hash.update(`r ${r.id} ${r.metric} ${r.cohort ?? ''} ${r.period ?? ''} ${r.measured_on} ${r.treatment_value} ${r.comparison_value ?? ''} ${r.treatment_sample_size ?? ''} ${r.comparison_sample_size ?? ''}\n`);
    return {
      id: r.id, metric: r.metric, cohort: r.cohort ?? undefined, period: r.period ?? undefined, measuredOn: r.measured_on,
      treatmentValue: r.treatment_value, comparisonValue: r.comparison_value ?? undefined,
      treatmentSampleSize: r.treatment_sample_size ?? undefined, comparisonSampleSize: r.comparison_sample_size ?? undefined,
    };
  });
  const obligationHash = createHash('sha256');
  const priorObligations: PriorObligation[] = obligationRows.rows.map((r) => {
    obligationHash.update(`o ${r.id} ${r.line_key} ${r.amount} ${r.due_on}\n`);
    return { id: r.id, lineKey: r.line_key, amount: r.amount, dueOn: r.due_on };
  });
  for (const d of drawdowns) hash.update(`d ${d.investor} ${d.tranche ?? ''} ${d.date} ${d.amount}\n`);
  return {
    claims,
    results,
    priorObligations,
    drawdowns,
    digest: `sha256:${hash.digest('hex')}`,
    priorObligationsDigest: `sha256:${obligationHash.digest('hex')}`,
    counts: { claims: claims.length, results: results.length, priorObligations: priorObligations.length, drawdowns: drawdowns.length },
  };
}

/** Investor drawdowns recorded for the contract (the engine falls back to planned tranches when there are none). */
async function loadDrawdowns(db: Db, contractId: string, sequence: string): Promise<Drawdown[]> {
  const { rows } = await sql<{ investor_party: string; tranche: string | null; drawn_on: string; amount: string }>`
    select investor_party, tranche, drawn_on, amount from drawdown
    where contract_id = ${contractId} and ledger_seq < ${sequence}
    order by drawn_on, id`.execute(db);
  return rows.map((r) => ({ investor: r.investor_party, tranche: r.tranche ?? undefined, date: r.drawn_on, amount: r.amount }));
}

export interface StoredObligation {
  lineKey: string;
  ruleKey: string;
  scope: string;
  payerParty: string;
  payerOrganisationId: string;
  recipientParty: string;
  recipientOrganisationId: string;
  amount: string;
  currency: string;
  dueOn: string;
  kind: 'payment' | 'adjustment';
  corrects: string[];
}

export async function insertEvaluation(
  db: Transaction<Database>,
  e: {
    contractId: string; versionId: string; trigger: 'scheduled' | 'manual'; scheduledFor: Date | null; asOf: string; knownAt: Date; sequence: string;
    dataDigest: string; priorObligationsDigest: string; dataCounts: Record<string, number>; engineVersion: string; result: unknown;
    requestedBy: string | null; apiKeyId: string | null; memberId?: string | null | undefined; createdAt: Date;
  },
  obligations: StoredObligation[],
): Promise<{ evaluationId: string; obligationIds: string[] }> {
  const id = newId();
  await db.insertInto('evaluation').values({
    id, contract_id: e.contractId, version_id: e.versionId, trigger: e.trigger, scheduled_for: e.scheduledFor, as_of: e.asOf,
    known_at: e.knownAt, ledger_seq: e.sequence, data_digest: e.dataDigest, prior_obligations_digest: e.priorObligationsDigest, data_counts: e.dataCounts, engine_version: e.engineVersion, result: e.result,
    requested_by_organisation_id: e.requestedBy, api_key_id: e.apiKeyId, member_id: e.memberId ?? null, created_at: e.createdAt,
  }).execute();
  const obligationIds = obligations.map(() => newId());
  if (obligations.length > 0) {
    await db.insertInto('obligation').values(obligations.map((o, i) => ({
      id: obligationIds[i]!, contract_id: e.contractId, evaluation_id: id, line_key: o.lineKey, rule_key: o.ruleKey, scope: o.scope,
      payer_party: o.payerParty, payer_organisation_id: o.payerOrganisationId, recipient_party: o.recipientParty,
      recipient_organisation_id: o.recipientOrganisationId, amount: o.amount, currency: o.currency, due_on: o.dueOn,
      kind: o.kind, corrects: o.corrects, created_at: e.createdAt,
    }))).execute();
  }
  return { evaluationId: id, obligationIds };
}

/** An evaluation with the number of the contract version it applied. */
export async function findEvaluation(db: Db, contractId: string, evaluationId: string) {
  return db
    .selectFrom('evaluation as e')
    .innerJoin('contract_version as v', 'v.id', 'e.version_id')
    .leftJoin('member as m', 'm.id', 'e.member_id')
    .selectAll('e')
    .select(['v.number as version_number', 'm.name as member_name'])
    .where('e.contract_id', '=', contractId)
    .where('e.id', '=', evaluationId)
    .executeTakeFirst();
}

/**
 * The contract's latest evaluation, if it had the same terms, cut-off and data: its obligations
 * already bring every line up to what this evaluation would compute, so re-running creates nothing.
 */
export async function findIdenticalEvaluation(db: Db, contractId: string, versionId: string, asOf: string, digest: string) {
  const latest = await db.selectFrom('evaluation').select(['id', 'version_id', 'as_of', 'data_digest'])
    .where('contract_id', '=', contractId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return latest && latest.version_id === versionId && latest.as_of === asOf && latest.data_digest === digest ? latest : undefined;
}

export async function listEvaluations(db: Db, contractId: string, after: string | undefined, limit: number) {
  let q = db
    .selectFrom('evaluation as e')
    .innerJoin('contract_version as v', 'v.id', 'e.version_id')
    .leftJoin('member as m', 'm.id', 'e.member_id')
    .select(['e.id', 'e.trigger', 'e.scheduled_for', 'e.as_of', 'e.known_at', 'e.ledger_seq', 'e.data_digest', 'e.data_counts', 'e.engine_version',
      'e.requested_by_organisation_id', 'e.member_id', 'm.name as member_name', 'e.created_at', 'v.number as version_number',
      sql<unknown>`e.result->'totals'`.as('totals')])
    .where('e.contract_id', '=', contractId);
  if (after) q = q.where('e.id', '<', after);
  return q.orderBy('e.id', 'desc').limit(limit).execute();
}

export async function obligationsOfEvaluation(db: Db, evaluationId: string) {
  return db.selectFrom('obligation').selectAll().where('evaluation_id', '=', evaluationId).orderBy('id').execute();
}

export async function listObligations(db: Db, contractId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('obligation').selectAll().where('contract_id', '=', contractId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

/** The next number of the ledger sequence; take it while holding the contract row lock exclusively. */
export async function nextLedgerSequence(db: Db): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('ledger_seq')::text as n`.execute(db);
  return rows[0]!.n;
}
