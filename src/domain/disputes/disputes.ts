/**
 * Disputes over outcome records, as pure decisions (issue 17; the INDIGO standard's DISPUTED
 * state). The operator that submitted a record the evaluator rejected contests the rejection with
 * a reason and a reference to its evidence; an evaluator of the contract then upholds the dispute
 * (the record counts as validated from then on, in the next evaluation) or dismisses it (the record
 * stays rejected).
 *
 * The rules:
 * - only a rejected record that is current (not superseded by a correction) can be disputed;
 * - only by the organisation that submitted it, holding the operator role in the contract;
 * - a record is disputed at most once: a dismissal is final. What the operator does next is what it
 *   does with any rejected record: submit a correction (a new record, reviewed afresh), which is
 *   itself open to a dispute if rejected. This keeps a record's story short (submitted, rejected,
 *   disputed, upheld or dismissed) and the evaluator's word final on each record;
 * - only an open dispute is resolved, once, by an organisation holding the evaluator or validator
 *   role in the contract (the roles that review records), with a reason either way;
 * - while a dispute is open its record shows as `disputed` and counts in no evaluation (it is still
 *   rejected); upheld, it shows and counts as `validated`; dismissed, it shows `rejected`.
 */

export type DisputeState = 'open' | 'upheld' | 'dismissed';
export type DisputeDecision = 'upheld' | 'dismissed';
export type ReviewDecision = 'validated' | 'rejected';
/** A record's review state as listings show it. */
export type RecordStatus = 'submitted' | 'validated' | 'rejected' | 'disputed';

export const DISPUTE_STATES: readonly DisputeState[] = ['open', 'upheld', 'dismissed'];
export const REASON_MAX = 2000;
export const EVIDENCE_REF_MAX = 500;

/** What decides whether a record may be disputed. */
export interface DisputableRecord {
  /** Its review decision, null when not reviewed yet. */
  decision: ReviewDecision | null;
  /** Whether a correction supersedes it. */
  superseded: boolean;
  /** The organisation that submitted it. */
  submittedBy: string;
  /** The state of its dispute, when it has one (at most one). */
  dispute: DisputeState | null;
}

/** Why an action is refused: `forbidden` (who), `invalid_state` (what), `validation_failed` (the request). */
export interface Refusal {
  code: 'forbidden' | 'invalid_state' | 'validation_failed';
  message: string;
  /** The request field at fault (validation_failed). */
  field?: string;
}

export type Verdict = { ok: true } | { ok: false; refusal: Refusal };

const refuse = (code: Refusal['code'], message: string, field?: string): Verdict =>
  ({ ok: false, refusal: { code, message, ...(field ? { field } : {}) } });
const OK: Verdict = { ok: true };

/** A reason or reference given by a person: trimmed, non-empty, at most `max` characters; the field at fault otherwise. */
export function checkText(field: string, value: string | null | undefined, max: number): Verdict {
  const text = (value ?? '').trim();
  if (text.length === 0) return refuse('validation_failed', `${field} is required`, field);
  if (text.length > max) return refuse('validation_failed', `${field} must be at most ${max} characters`, field);
  return OK;
}

/**
 * May `organisationId`, holding `roles` in the contract, dispute `record` with `reason` and
 * `evidenceRef`? The request is checked first (so a problem names the field), then the caller,
 * then the record.
 */
export function mayOpen(
  record: DisputableRecord,
  caller: { organisationId: string; roles: ReadonlySet<string> },
  request: { reason: string | null | undefined; evidenceRef: string | null | undefined },
): Verdict {
  const reason = checkText('reason', request.reason, REASON_MAX);
  if (!reason.ok) return reason;
  const evidence = checkText('evidenceRef', request.evidenceRef, EVIDENCE_REF_MAX);
  if (!evidence.ok) return evidence;
  if (!caller.roles.has('operator')) return refuse('forbidden', 'Only the operator of the contract may dispute a rejection.');
  if (record.submittedBy !== caller.organisationId) return refuse('forbidden', 'Only the organisation that submitted a record may dispute its rejection.');
  if (record.dispute === 'open') return refuse('invalid_state', 'This record already has an open dispute.');
  if (record.dispute !== null) return refuse('invalid_state', `This record was disputed already (${record.dispute}): a record is disputed once; submit a correction instead.`);
  if (record.decision === null) return refuse('invalid_state', 'Only a rejected record can be disputed: this one is not reviewed yet.');
  if (record.decision !== 'rejected') return refuse('invalid_state', `Only a rejected record can be disputed: this one is ${record.decision}.`);
  if (record.superseded) return refuse('invalid_state', 'This record is superseded by a correction: dispute the correction instead, if it is rejected.');
  return OK;
}

/** May a caller holding `roles` resolve a dispute in `state` with `decision` and `reason`? */
export function mayResolve(
  state: DisputeState,
  caller: { roles: ReadonlySet<string> },
  request: { decision: string | null | undefined; reason: string | null | undefined },
): Verdict {
  if (request.decision !== 'upheld' && request.decision !== 'dismissed') return refuse('validation_failed', 'decision must be upheld or dismissed', 'decision');
  const reason = checkText('reason', request.reason, REASON_MAX);
  if (!reason.ok) return reason;
  if (!caller.roles.has('evaluator') && !caller.roles.has('validator')) {
    return refuse('forbidden', 'Only an evaluator (or validator) of the contract may resolve a dispute.');
  }
  if (state !== 'open') return refuse('invalid_state', `This dispute is already resolved (${state}).`);
  return OK;
}

/** The state a dispute moves to on a decision. */
export function resolvedState(decision: DisputeDecision): DisputeState {
  return decision;
}

/** The review decision a record counts with, given its review and its dispute. */
export function effectiveDecision(decision: ReviewDecision | null, dispute: DisputeState | null): ReviewDecision | null {
  if (dispute === 'upheld') return 'validated';
  return decision;
}

/** A record's status in listings: `disputed` while a dispute is open, `validated` once upheld. */
export function recordStatus(decision: ReviewDecision | null, dispute: DisputeState | null): RecordStatus {
  if (dispute === 'open') return 'disputed';
  return effectiveDecision(decision, dispute) ?? 'submitted';
}

/** Whether an evaluation counts the record: validated, or rejected with an upheld dispute. Never while a dispute is open. */
export function counts(decision: ReviewDecision | null, dispute: DisputeState | null): boolean {
  return effectiveDecision(decision, dispute) === 'validated';
}
