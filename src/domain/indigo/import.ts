import { dec, formatAmount } from '../money/money.ts';
import { LOCAL_ID_PREFIX } from './sections/context.ts';
import { validationMethods } from './sections/outcomes.ts';
import { policySectors } from './sections/overview.ts';

/**
 * INDIGO project record (+ its organisation records) → the draft of an Outcome Ledger contract:
 * the definition terms the record carries, the parties it names, and an explicit list of what it
 * lacks and must be completed before the contract can be registered and approved. Pure.
 *
 * What the standard carries and is mapped: the title (name), policy area (policy_sector), country
 * (and an ISO 3166-2 subdivision our export writes in jurisdiction.notes), currency, term (first
 * commitment period start or service start → anticipated completion date), parties and their roles
 * (outcome payers from outcome_payment_commitments, investors from investments, operators from
 * service_provisions, intermediaries from intermediary_services, evaluators from the results'
 * outcomes validators; names from the organisation records), each payer's maximum commitment, each
 * investor's commitment and IRR cap, the maximum outcome payment (when it is not just the payers'
 * sum), metrics (name and description from the definition, validation method), prices per unit of
 * outcome pricings as one rate card (cap: maximum_price_if_all_targets_achieved), published
 * source URLs.
 *
 * What the standard cannot carry (`CANNOT_CARRY`) is always listed as missing: it exists only in
 * prose, if at all.
 */

export interface ImportProblem {
  /** Path in the contract definition (or `parties.<key>`) to complete. */
  path: string;
  why: string;
}

export interface ImportedParty {
  key: string;
  name: string;
  roles: string[];
  /** The reference the record uses (an org-id identifier, or our XI-OUTCOMELEDGER-<id>). */
  organisationReference: string;
}

export interface IndigoImport {
  /** The draft definition: every term the record carries (a partial ContractDefinitionInput). */
  definition: Record<string, unknown>;
  parties: ImportedParty[];
  missing: ImportProblem[];
}

/** Terms of a contract definition the INDIGO standard has no field for: always to be completed after an import. */
export const CANNOT_CARRY: readonly ImportProblem[] = [
  { path: 'reference', why: 'the standard has no contract reference (INDIGO project ids are assigned by the INDIGO registry)' },
  { path: 'cohorts', why: 'the standard has a target population in words, not cohorts with enrolment windows, follow-up and recording lags' },
  { path: 'periods', why: 'the standard has no measurement periods' },
  { path: 'metrics[].key', why: 'outcome metric ids (outcomemetric1…) are internal to the record; keys are derived from the names' },
  { path: 'metrics[].unit', why: 'the standard has no unit of an outcome metric' },
  { path: 'metrics[].direction', why: 'the standard does not say whether higher or lower is better' },
  { path: 'metrics[].level', why: 'the standard does not say whether a metric is measured per participant or in aggregate' },
  { path: 'metrics[].validationMethod', why: 'the standard\'s validation methods are coarser than ours (several of ours map to "Simple ex-post verification")' },
  { path: 'metrics[].evidenceRequired', why: 'the standard has a data source in words, not the evidence each claim must carry' },
  { path: 'pricing', why: 'the standard has a price per unit and a description in words; thresholds, tiers, bands, shares, composites, claim limits, prerequisites, sustainment and caps per scope or participant have no fields' },
  { path: 'investors[].seniority', why: 'the standard\'s investment types are Debt, Equity or Combination: not senior, subordinate, grant or guarantee' },
  { path: 'investors[].returnCap', why: 'only an IRR cap has a code in the standard (a money multiple has none)' },
  { path: 'investors[].tranches', why: 'the standard has transactions, not planned tranches' },
  { path: 'maximumOutcomePayment', why: 'the standard\'s maximum potential outcome payment does not say whether it is a cap of its own or the sum of the payers\' commitments (imported as a cap only when it differs from that sum)' },
  { path: 'scenarios', why: 'the standard has no low/medium/high outcome scenarios' },
  { path: 'indexation', why: 'the standard describes contracted price increases in words only' },
  { path: 'evaluation', why: 'the standard has no evaluation schedule or time zone' },
  { path: 'distribution', why: 'the standard has no payment recipient or capital stack rules' },
  { path: 'data', why: 'the standard has no data rules (participant reference patterns, evidence)' },
  { path: 'source.notes', why: 'the standard\'s notes are free text, not the definition\'s source notes' },
  { path: 'assumptions', why: 'the standard has no list of assumed or illustrative terms' },
  { path: 'publication', why: 'whether and what the public page discloses is for the parties to approve in the terms, not read from a published record' },
];

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Rec => x !== undefined) : []);
const val = (v: unknown): unknown => obj(v)?.value;
const str = (v: unknown): string | undefined => {
  const x = val(v);
  return typeof x === 'string' && x.trim() !== '' ? x : undefined;
};
const numv = (v: unknown): number | undefined => {
  const x = val(v);
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
};
const fullDate = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
};

const slug = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'x';

export function fromIndigoProject(project: unknown, organisations: { id: string; data: unknown }[] = []): IndigoImport {
  const p = obj(project) ?? {};
  const missing: ImportProblem[] = [];
  const definition: Rec = {};
  const orgName = new Map(organisations.map((o) => [o.id, str(obj(o.data)?.name)]));

  // ---- parties ----
  const parties: ImportedParty[] = [];
  const byRef = new Map<string, ImportedParty>();
  const usedKeys = new Set<string>();
  const party = (ref: string | undefined, role: string): string | undefined => {
    if (!ref) return undefined;
    let found = byRef.get(ref);
    if (!found) {
      const name = orgName.get(ref) ?? ref;
      let key = slug(name);
      for (let i = 2; usedKeys.has(key); i++) key = `${slug(name)}_${i}`;
      usedKeys.add(key);
      found = { key, name, roles: [], organisationReference: ref };
      byRef.set(ref, found);
      parties.push(found);
    }
    if (!found.roles.includes(role)) found.roles.push(role);
    return found.key;
  };
  const commitments = arr(p.outcome_payment_commitments);
  const investments = arr(p.investments);
  const payerKeys = commitments.map((c) => party(str(c.organisation_id), 'outcome_payer'));
  const investorKeys = investments.map((i) => party(str(i.organisation_id), 'investor'));
  for (const s of arr(p.service_provisions)) party(str(s.organisation_id), 'operator');
  for (const s of arr(p.intermediary_services)) party(str(s.organisation_id), 'intermediary');
  for (const r of arr(p.results)) for (const ref of (str(r.outcomes_validator_organisation_ids) ?? '').split(',').map((x) => x.trim()).filter(Boolean)) party(ref, 'evaluator');

  // ---- identity, classification, place, money, term ----
  const title = str(p.name);
  if (title) definition.title = title;
  else missing.push({ path: 'title', why: 'the record has no name' });
  const sector = str(obj(p.purpose_and_classifications)?.policy_sector);
  const area = Object.entries(policySectors).find(([, s]) => s !== undefined && s === sector)?.[0];
  if (area) definition.policyArea = area;
  else missing.push({ path: 'policyArea', why: sector ? `policy sector "${sector}" has no policy area of ours` : 'the record has no policy sector' });
  const jurisdiction = obj(p.jurisdiction);
  const country = str(jurisdiction?.jurisdiction);
  const subdivision = typeof jurisdiction?.notes === 'string' ? /ISO 3166-2 subdivision ([A-Z]{2}-[A-Z0-9]{1,3})\b/.exec(jurisdiction.notes)?.[1] : undefined;
  if (country) definition.jurisdiction = subdivision && subdivision.startsWith(`${country}-`) ? subdivision : country;
  else missing.push({ path: 'jurisdiction', why: 'the record has no jurisdiction' });

  const pricings = arr(p.outcome_pricings);
  const overall = obj(p.overall_project_finance);
  const currency = str(pricings[0]?.currency) ?? str(obj(commitments[0]?.maximum_potential_outcome_payment)?.currency)
    ?? str(obj(overall?.total_investment_commitment)?.currency) ?? str(obj(overall?.maximum_potential_outcome_payment_v2)?.currency);
  if (currency) definition.currency = currency;
  else missing.push({ path: 'currency', why: 'no currency in the outcome pricings, commitments or finance' });
  const amount = (n: number | undefined): string | undefined => (n === undefined || !currency ? undefined : formatAmount(dec(n), currency));

  const dates = obj(p.dates);
  const start = fullDate(obj(commitments[0]?.period)?.start_date) ?? fullDate(dates?.start_date_of_service_provision);
  const end = fullDate(dates?.anticipated_completion_date);
  if (start && end) definition.term = { start, end };
  else missing.push({ path: 'term', why: 'the record has no full start date (commitment period or service start) and anticipated completion date' });

  // ---- parties and their commitments ----
  definition.parties = parties.map((x) => ({ key: x.key, name: x.name, roles: x.roles }));
  if (!parties.some((x) => x.roles.includes('outcome_payer'))) missing.push({ path: 'parties', why: 'the record names no outcome payer' });
  if (!parties.some((x) => x.roles.includes('operator'))) missing.push({ path: 'parties', why: 'the record names no service provider (operator)' });
  const payers = commitments.flatMap((c, i) => {
    const key = payerKeys[i];
    const max = amount(numv(obj(c.maximum_potential_outcome_payment)?.amount));
    if (!key) return [];
    if (!max) missing.push({ path: `payers[${i}].maximumCommitment`, why: 'the commitment has no maximum potential outcome payment' });
    return [{ party: key, maximumCommitment: max ?? '' }];
  });
  definition.payers = payers;
  const maxOverall = numv(obj(overall?.maximum_potential_outcome_payment_v2)?.amount);
  if (maxOverall !== undefined && currency) {
    const payersSum = payers.reduce((s, x) => (x.maximumCommitment ? s.plus(x.maximumCommitment) : s), dec(0));
    if (!payersSum.eq(maxOverall)) definition.maximumOutcomePayment = amount(maxOverall);
  }
  definition.investors = investments.flatMap((inv, i) => {
    const key = investorKeys[i];
    const commitment = amount(numv(obj(obj(inv.investment_commitment)?.amount)?.exact));
    if (!key) return [];
    if (!commitment) missing.push({ path: `investors[${i}].commitment`, why: 'the investment has no exact commitment' });
    const irr = str(inv.maximum_potential_return_type) === 'IRR' ? numv(inv.maximum_potential_return) : undefined;
    return [{
      party: key,
      commitment: commitment ?? '',
      seniority: 'senior',
      ...(irr !== undefined && { returnCap: { kind: 'irr', annualRate: dec(irr).div(100).toString() } }),
      tranches: [],
    }];
  });

  // ---- metrics and pricing ----
  const metrics = arr(p.outcome_metrics);
  if (metrics.length === 0) missing.push({ path: 'metrics', why: 'the record has no outcome metrics' });
  const metricKeys = new Map<string, string>();
  const usedMetricKeys = new Set<string>();
  definition.metrics = metrics.map((m, i) => {
    const text = str(m.definition) ?? `Outcome metric ${i + 1}`;
    const colon = text.indexOf(': ');
    const name = colon > 0 ? text.slice(0, colon) : text;
    let key = slug(name);
    for (let n = 2; usedMetricKeys.has(key); n++) key = `${slug(name)}_${n}`;
    usedMetricKeys.add(key);
    if (typeof m.id === 'string') metricKeys.set(m.id, key);
    const method = str(m.outcome_validation_method);
    const ours = Object.entries(validationMethods).find(([, theirs]) => theirs === method)?.[0];
    return {
      key, name,
      ...(colon > 0 && { description: text.slice(colon + 2) }),
      ...(ours && { validationMethod: ours }),
    };
  });
  const outcomes = pricings.flatMap((x) => {
    const metric = metricKeys.get(str(x.outcome_metric_id) ?? '');
    const price = amount(numv(obj(x.price_per_unit)?.amount));
    if (!metric || !price) return [];
    const capText = str(obj(x.maximum_price_if_all_targets_achieved)?.amount);
    const cap = capText && /^-?\d+(\.\d+)?$/.test(capText.trim()) ? formatAmount(dec(capText.trim()), currency!) : undefined;
    return [{ metric, price, ...(cap && { cap }) }];
  });
  definition.pricing = outcomes.length > 0 ? [{ key: 'rate_card', kind: 'rate_card', outcomes }] : [];

  const urls = arr(p.sources).map((s) => str(s.url)).filter((u): u is string => u !== undefined);
  definition.source = { urls };
  definition.assumptions = [];

  for (const x of parties) {
    if (x.organisationReference === x.name) missing.push({ path: `parties.${x.key}`, why: `no organisation record names "${x.organisationReference}"` });
  }
  return { definition, parties, missing: [...missing, ...CANNOT_CARRY] };
}

/** Our organisation id in a stable local reference (`XI-OUTCOMELEDGER-<id>`), if it is one. */
export function localOrganisationId(reference: string): string | undefined {
  return reference.startsWith(LOCAL_ID_PREFIX) ? reference.slice(LOCAL_ID_PREFIX.length) : undefined;
}
