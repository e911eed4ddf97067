import type { Config } from '../config.ts';
import type { CapEffect, EngineResult, ParticipantExplanation, RuleExplanation, ScopeExplanation, StatementItem } from '../domain/engine/types.ts';
import { inspectDataFile } from './data-files.ts';
import { call, type LoadedContract, loadContract, readDefinitionFile } from './load.ts';
import { type LineSink, printAll } from './output.ts';
import { newObligationStatements, statementText } from './statement-output.ts';
import { memoryTarget } from './target.ts';

/**
 * How much of the explanation `cli evaluate` prints (text and JSON alike):
 * - `summary`: the totals, each rule's gross, cap cuts and net, the obligations (one per line);
 * - `scopes` (default): and each rule's scopes: tests, inputs (without lists of records or
 *   participants), price, statement items, cap cuts; the return cap;
 * - `participants`: everything the evaluation stored, with the participants listed per scope.
 * Every level also gives the payment statement of each new obligation (statement-output.ts): in
 * text a table each before the obligations, in JSON as `statements`.
 */
export type Detail = 'summary' | 'scopes' | 'participants';
export const DETAILS: readonly Detail[] = ['summary', 'scopes', 'participants'];
export const DEFAULT_DETAIL: Detail = 'scopes';

export interface WhatIfOptions {
  contract: string;
  data: string[];
  asOf?: string | undefined;
  json: boolean;
  /** Default: DEFAULT_DETAIL. */
  detail?: Detail;
}

/** An obligation as the API shows it (src/api/evaluations/evaluations.views.ts). */
interface ObligationView {
  lineKey: string;
  payer: { party: string };
  recipient: { party: string };
  amount: string;
  currency: string;
  dueOn: string;
  kind: string;
}

/** The evaluation as the API answers it, with its explanation. */
export interface EvaluationView {
  asOf: string;
  engineVersion: string;
  dataDigest: string | null;
  explanation: EngineResult;
  obligations: ObligationView[];
  [field: string]: unknown;
}

export interface WhatIfRun {
  loaded: LoadedContract;
  evaluation: EvaluationView;
}

/**
 * `cli evaluate`: a what-if with no server. The definition is registered and approved in an
 * in-memory database, the data uploaded and validated, and the contract evaluated — all through
 * the same API and engine as the service. The files are checked before anything starts.
 */
export async function runWhatIf(config: Config, options: WhatIfOptions): Promise<WhatIfRun> {
  readDefinitionFile(options.contract);
  for (const file of options.data) inspectDataFile(file);
  const target = await memoryTarget(config);
  try {
    const loaded = await loadContract(target, options.contract, { approve: true, data: options.data, validate: true });
    const payer = loaded.parties.find((p) => p.roles.includes('outcome_payer'))!;
    const run = await call(target, `/v1/contracts/${loaded.contractId}/evaluations`, payer.apiKey, 'POST', options.asOf ? { asOf: options.asOf } : {});
    return { loaded, evaluation: run.evaluation as EvaluationView };
  } finally {
    await target.close();
  }
}

/** Runs the what-if and prints it at the detail asked, as text or JSON. */
export async function whatIf(config: Config, options: WhatIfOptions, out: LineSink): Promise<number> {
  const run = await runWhatIf(config, options);
  const detail = options.detail ?? DEFAULT_DETAIL;
  await printAll(options.json ? [JSON.stringify(jsonByDetail[detail](run), null, 2)] : textByDetail[detail](run), out);
  return 0;
}

// ---- JSON: the API's evaluation with its explanation cut to the detail level ----------------------

export const jsonByDetail: Record<Detail, (run: WhatIfRun) => unknown> = {
  summary: ({ evaluation }) => ({ ...evaluation, detail: 'summary', explanation: summaryExplanation(evaluation.explanation), statements: newObligationStatements(evaluation) }),
  scopes: ({ evaluation }) => ({ ...evaluation, detail: 'scopes', explanation: scopesExplanation(evaluation.explanation), statements: newObligationStatements(evaluation) }),
  participants: ({ evaluation }) => ({ ...evaluation, detail: 'participants', statements: newObligationStatements(evaluation) }),
};

/** Rules without their scopes. */
function summaryExplanation(result: EngineResult): unknown {
  return { ...result, rules: result.rules.map(({ scopes: _scopes, ...rule }) => rule) };
}

/** Scopes without participants, and inputs without their lists of records or participants. */
function scopesExplanation(result: EngineResult): unknown {
  return { ...result, rules: result.rules.map((rule) => ({ ...rule, scopes: rule.scopes.map(scopeWithoutParticipants) })) };
}

/** An input listing records or participants (`claimIds`, …), and the count of those it could not list. */
const isParticipantList = (key: string, value: unknown) => Array.isArray(value) && /claim|participant/i.test(key);

function scopeWithoutParticipants({ participants: _participants, ...scope }: ScopeExplanation): Omit<ScopeExplanation, 'participants'> {
  const lists = new Set(Object.entries(scope.inputs).filter(([key, value]) => isParticipantList(key, value)).map(([key]) => key));
  const inputs = Object.fromEntries(Object.entries(scope.inputs).filter(([key]) =>
    !lists.has(key) && !(key.endsWith('NotListed') && (lists.has(key.slice(0, -'NotListed'.length)) || key === 'participantsNotListed'))));
  return { ...scope, inputs };
}

// ---- Text: one generator per detail level, built from the parts below ------------------------------

export const textByDetail: Record<Detail, (run: WhatIfRun) => Iterable<string>> = {
  summary: summaryText,
  scopes: (run) => scopesText(run, false),
  participants: (run) => scopesText(run, true),
};

function* summaryText(run: WhatIfRun): Generator<string> {
  yield* headerText(run);
  for (const rule of run.evaluation.explanation.rules) {
    yield ruleLine(rule);
    for (const cap of rule.capEffects) yield `  ${capLine(cap)}`;
    yield* notesText(rule);
  }
  yield* obligationsText(run);
}

function* scopesText(run: WhatIfRun, withParticipants: boolean): Generator<string> {
  yield* headerText(run);
  for (const rule of run.evaluation.explanation.rules) {
    yield ruleLine(rule);
    yield* notesText(rule);
    for (const scope of rule.scopes) {
      yield* scopeText(scope);
      yield* withParticipants ? participantsText(scope) : participantsHint(scope);
    }
  }
  yield* returnCapText(run.evaluation.explanation);
  yield* obligationsText(run);
}

function* headerText({ loaded, evaluation }: WhatIfRun): Generator<string> {
  yield `${loaded.reference}: evaluation as of ${evaluation.asOf} (${loaded.definition.currency}, engine ${evaluation.engineVersion})`;
  for (const upload of loaded.uploads) yield `  data: ${upload.file}: ${upload.rows} ${upload.kind}, ${upload.validated} validated`;
  yield `  data digest ${evaluation.dataDigest}`;
  yield '';
}

const ruleLine = (rule: RuleExplanation) => `rule ${rule.ruleKey} (${rule.kind}): gross ${rule.gross}, net ${rule.net}`;

const capLine = (cap: CapEffect) => `cap ${cap.cap}: limit ${cap.limit}, cut ${cap.cut}`;

function* notesText(rule: RuleExplanation): Generator<string> {
  for (const note of rule.notes ?? []) yield `  note: ${note}`;
}

function* scopeText(scope: ScopeExplanation): Generator<string> {
  yield `  ${scope.scope}: gross ${scope.gross} -> net ${scope.net}${scope.priceApplied ? ` (price ${scope.priceApplied})` : ''}`;
  for (const test of scope.tests) yield `    - ${test}`;
  for (const item of scope.items ?? []) yield `    ${itemLine(item)}`;
  for (const cap of scope.capEffects) yield `    ${capLine(cap)}`;
}

/** A statement item: what is paid for, how many, at what price, before and after its caps. */
function itemLine(item: StatementItem): string {
  const price = item.unitPrice !== undefined ? ` × ${item.unitPrice}` : '';
  const cuts = item.capEffects.map((c) => `; ${c.cap} cut ${c.cut}`).join('');
  return `item ${item.item}: ${item.quantity} ${item.unit}${price}, gross ${item.gross}${cuts}, net ${item.net}`;
}

function* participantsHint(scope: ScopeExplanation): Generator<string> {
  const listed = scope.participants?.length ?? 0;
  if (listed > 0) yield `    (${listed + notListed(scope)} participant(s) with exceptions: see --detail participants)`;
}

const notListed = (scope: ScopeExplanation) => Number(scope.inputs.participantsNotListed ?? 0);

function* participantsText(scope: ScopeExplanation): Generator<string> {
  for (const p of scope.participants ?? []) yield* participantText(p);
  if (notListed(scope) > 0) yield `    … ${notListed(scope)} more participant(s) not listed (an evaluation stores 1,000 per scope)`;
}

function* participantText(p: ParticipantExplanation): Generator<string> {
  yield `    participant ${p.participantRef}: gross ${p.gross}, net ${p.net}${p.capEffects.map((c) => `; ${c.cap} cut ${c.cut}`).join('')}`;
  for (const claim of p.claims) yield `      ${claim.metric} ${claim.achievedOn}: ${claim.reason ?? `paid ${claim.paid}`}`;
}

function* returnCapText(result: EngineResult): Generator<string> {
  if (!result.returnCap) return;
  yield `return cap: capacity ${result.returnCap.capacity} on ${result.returnCap.valuedOn}`;
  for (const note of result.returnCap.notes) yield `  note: ${note}`;
}

function* obligationsText({ loaded, evaluation }: WhatIfRun): Generator<string> {
  const result = evaluation.explanation;
  for (const cap of result.contractCapEffects) yield `contract ${capLine(cap)}${cap.lineKey ? ` [${cap.lineKey}]` : ''}`;
  yield '';
  // the payment statement of each new obligation (a table each), before the list that ends on the total
  yield* statementText(newObligationStatements(evaluation));
  yield `obligations (${evaluation.obligations.length}):`;
  for (const o of evaluation.obligations) {
    yield `  ${o.payer.party} -> ${o.recipient.party}: ${o.amount} ${o.currency} due ${o.dueOn} [${o.lineKey}, ${o.kind}]`;
  }
  yield `total ${result.totals.newObligations} ${loaded.definition.currency}`;
}
