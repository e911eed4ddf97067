import type { IndigoExport } from '../indigo/types.ts';
import { type ContractDefinition, type DisclosureField, disclosureFields, type PricingRule } from './definition.ts';

/**
 * What the public may see of a contract (issue 18): the contract's `publication` terms decide, field
 * by field, in the INDIGO manner (PUBLIC or PRIVATE; a field not listed is PRIVATE). Pure: the
 * public page and the public INDIGO export ask this module, never the definition directly, and
 * participant-level data is never part of any field.
 *
 * The fields (`disclosureFields` in definition.ts):
 * - `title` — the title; `parties` — the parties' names and roles; `term` — start and end dates;
 * - `policyArea` — policy area and jurisdiction; `cohorts` — cohort names, enrolment windows and
 *   expected participants; `outcomeMetrics` — metric names, units, direction, validation method;
 * - `targets` — thresholds, targets, tier levels, floors; `prices` — rate-card prices, prices per
 *   unit, tier and band amounts, shares, payment at full achievement, indexation; `caps` — every cap;
 * - `outcomesAchieved` — validated outcomes and aggregate results (counts and values per cohort or
 *   period, never a participant); `paymentsMade` — settled totals;
 * - `investments` — commitments and capital drawn; `investorReturns` — return caps, repaid, multiple, IRR.
 * The reference, the currency, the status and the audit head hash are shown on every public page.
 */

export type Status = 'PUBLIC' | 'PRIVATE';
export type Disclosure = Record<DisclosureField, Status>;

export { disclosureFields, type DisclosureField };

/** Whether the terms ask for a public page. */
export const isPublished = (definition: ContractDefinition): boolean => definition.publication?.published === true;

/** The status of every field: as listed, PRIVATE when not listed or when the contract is not published. */
export function disclosureOf(definition: ContractDefinition): Disclosure {
  const listed = isPublished(definition) ? definition.publication?.disclosure ?? {} : {};
  return Object.fromEntries(disclosureFields.map((f) => [f, listed[f] === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE'])) as Disclosure;
}

export const publicFields = (definition: ContractDefinition): DisclosureField[] =>
  disclosureFields.filter((f) => disclosureOf(definition)[f] === 'PUBLIC');

// ---------------------------------------------------------------- what each field covers

export interface Term {
  /** What it is, as a message key of the public page (e.g. `price`, `cohortThreshold`). */
  kind: string;
  /** The metric or cohort it refers to (a key of the definition), if any. */
  metric?: string | undefined;
  value: string;
  /** Amounts are in the contract currency; rates are plain decimals. */
  unit: 'amount' | 'rate' | 'share' | 'count' | 'factor';
}

function ruleMetrics(rule: PricingRule): string[] {
  switch (rule.kind) {
    case 'rate_card': return rule.outcomes.map((o) => o.metric);
    case 'weighted_composite': return rule.components.map((c) => c.metric);
    default: return [rule.metric];
  }
}

/** The targets of one pricing rule: thresholds, tier levels, floors, component targets. */
export function ruleTargets(rule: PricingRule): Term[] {
  switch (rule.kind) {
    case 'counterfactual_threshold':
      return [
        { kind: 'cohortThreshold', metric: rule.metric, value: rule.cohortThreshold, unit: 'rate' },
        ...(rule.pooled ? [{ kind: 'pooledThreshold', metric: rule.metric, value: rule.pooled.threshold, unit: 'rate' as const }] : []),
      ];
    case 'tiered': return rule.tiers.map((t) => ({ kind: 'tierLevel', metric: rule.metric, value: t.atLeast, unit: 'rate' }));
    case 'linear': return [{ kind: 'floor', metric: rule.metric, value: rule.floor, unit: 'rate' }];
    case 'weighted_composite':
      return [
        ...rule.components.flatMap((c) => (c.target ? [{ kind: 'target', metric: c.metric, value: c.target, unit: 'rate' as const }] : [])),
        ...(rule.minimumAchievement ? [{ kind: 'minimumAchievement', value: rule.minimumAchievement, unit: 'rate' as const }] : []),
      ];
    case 'savings_share':
      return 'amount' in rule.threshold ? [{ kind: 'shareThreshold', metric: rule.metric, value: rule.threshold.amount, unit: 'amount' }] : [];
    case 'volume_banded':
      return rule.bands.flatMap((b) => (b.upTo ? [{ kind: 'bandUpTo', metric: rule.metric, value: String(b.upTo), unit: 'count' as const }] : []));
    default: return [];
  }
}

/** The prices of one pricing rule. */
export function rulePrices(rule: PricingRule): Term[] {
  switch (rule.kind) {
    case 'rate_card': return rule.outcomes.map((o) => ({ kind: 'price', metric: o.metric, value: o.price, unit: 'amount' }));
    case 'counterfactual_threshold':
    case 'linear': return [{ kind: 'pricePerUnit', metric: rule.metric, value: rule.pricePerUnit, unit: 'amount' }];
    case 'tiered': return rule.tiers.map((t) => ({ kind: 'tierAmount', metric: rule.metric, value: t.amount, unit: 'amount' }));
    case 'volume_banded': return rule.bands.map((b) => ({ kind: 'bandPrice', metric: rule.metric, value: b.price, unit: 'amount' }));
    case 'savings_share':
      return [
        { kind: 'initialShare', metric: rule.metric, value: rule.initialShare, unit: 'share' },
        { kind: 'subsequentShare', metric: rule.metric, value: rule.subsequentShare, unit: 'share' },
      ];
    case 'weighted_composite':
      return [
        { kind: 'paymentAtFullAchievement', value: rule.paymentAtFullAchievement, unit: 'amount' },
        ...rule.components.map((c) => ({ kind: 'weight', metric: c.metric, value: c.weight, unit: 'share' as const })),
      ];
  }
}

/** The caps of one pricing rule. */
export function ruleCaps(rule: PricingRule): Term[] {
  const caps: Term[] = [];
  if (rule.cap?.total) caps.push({ kind: 'ruleCapTotal', value: rule.cap.total, unit: 'amount' });
  if (rule.cap?.perScope) caps.push({ kind: 'ruleCapPerScope', value: rule.cap.perScope, unit: 'amount' });
  if (rule.kind === 'rate_card') {
    for (const o of rule.outcomes) if (o.cap) caps.push({ kind: 'outcomeCap', metric: o.metric, value: o.cap, unit: 'amount' });
    if (rule.participantCap) caps.push({ kind: 'participantCap', value: rule.participantCap, unit: 'amount' });
  }
  if (rule.kind === 'volume_banded') for (const b of rule.bands) if (b.maxAmount) caps.push({ kind: 'bandMaxAmount', metric: rule.metric, value: b.maxAmount, unit: 'amount' });
  return caps;
}

/**
 * The values of the definition a field covers, as written in the terms (for the test that compares
 * a public page with the disclosure list, and for anyone checking what publishing a field shows).
 * The measured fields (outcomesAchieved, paymentsMade, and the drawn / repaid parts of
 * investments and investorReturns) come from the ledger, not the terms: only their terms are here.
 */
export function fieldValues(definition: ContractDefinition, field: DisclosureField): string[] {
  const d = definition;
  switch (field) {
    case 'title': return [d.title];
    case 'parties': return d.parties.map((p) => p.name);
    case 'term': return [d.term.start, d.term.end];
    case 'policyArea': return [d.policyArea, d.jurisdiction];
    case 'cohorts':
      return [
        ...d.cohorts.flatMap((c) => [c.name, c.enrolment.start, c.enrolment.end, ...(c.expectedParticipants ? [String(c.expectedParticipants)] : [])]),
        ...d.periods.flatMap((p) => [p.name, p.start, p.end]),
      ];
    case 'outcomeMetrics': return d.metrics.flatMap((m) => [m.name, m.unit]);
    case 'targets': return d.pricing.flatMap((r) => ruleTargets(r).map((t) => t.value));
    case 'prices': return d.pricing.flatMap((r) => rulePrices(r).map((t) => t.value));
    case 'caps':
      return [
        ...(d.maximumOutcomePayment ? [d.maximumOutcomePayment] : []),
        ...d.payers.map((p) => p.maximumCommitment),
        ...d.cohorts.flatMap((c) => (c.maxPayment ? [c.maxPayment] : [])),
        ...d.periods.flatMap((p) => (p.maxPayment ? [p.maxPayment] : [])),
        ...d.pricing.flatMap((r) => ruleCaps(r).map((t) => t.value)),
      ];
    case 'investments': return d.investors.flatMap((i) => [i.commitment, ...i.tranches.flatMap((t) => [t.amount, t.plannedDate])]);
    case 'investorReturns':
      return d.investors.flatMap((i) => (i.returnCap ? [i.returnCap.kind === 'irr' ? i.returnCap.annualRate : i.returnCap.multiple] : []));
    case 'outcomesAchieved':
    case 'paymentsMade':
      return [];
  }
}

// ---------------------------------------------------------------- the disclosed terms

export interface PublicRule {
  /**
   * The rule's name (else its key) when its targets, prices and caps are all PUBLIC; otherwise null
   * (a name is free text, and may well quote a price or a cap: "£11,700 per participant").
   */
  name: string | null;
  kind: PricingRule['kind'];
  /** The metrics it pays on (keys; named on the page only when outcomeMetrics is PUBLIC). */
  metrics: string[];
  targets: Term[];
  prices: Term[];
  caps: Term[];
}

/** The disclosed terms: every part of the definition whose field is PUBLIC, nothing else. */
export interface PublicTerms {
  reference: string;
  currency: string;
  fields: DisclosureField[];
  title?: string;
  parties?: { name: string; roles: string[] }[];
  term?: { start: string; end: string };
  policyArea?: { policyArea: string; jurisdiction: string };
  cohorts?: { key: string; name: string; enrolment: { start: string; end: string }; expectedParticipants: number | null }[];
  periods?: { key: string; name: string; start: string; end: string }[];
  metrics?: { key: string; name: string; unit: string; direction: string; level: string; validationMethod: string }[];
  /** Present when targets, prices or caps is PUBLIC: each rule with the disclosed parts. */
  rules?: PublicRule[];
  /** Contract-level caps (caps PUBLIC). */
  caps?: Term[];
  /** Investors' commitments and planned tranches, in the order of the terms (investments PUBLIC). */
  investments?: { commitment: string; seniority: string; tranches: { amount: string; plannedDate: string }[] }[];
  /** Investors' return caps, in the order of the terms (investorReturns PUBLIC). */
  returnCaps?: ({ kind: 'irr'; annualRate: string } | { kind: 'multiple'; multiple: string } | null)[];
  /** Indexation of prices (prices PUBLIC). */
  indexation?: ContractDefinition['indexation'];
}

export function publicTerms(definition: ContractDefinition): PublicTerms {
  const d = definition;
  const is = disclosureOf(d);
  const out: PublicTerms = { reference: d.reference, currency: d.currency, fields: publicFields(d) };
  if (is.title === 'PUBLIC') out.title = d.title;
  if (is.parties === 'PUBLIC') out.parties = d.parties.map((p) => ({ name: p.name, roles: [...p.roles] }));
  if (is.term === 'PUBLIC') out.term = { start: d.term.start, end: d.term.end };
  if (is.policyArea === 'PUBLIC') out.policyArea = { policyArea: d.policyArea, jurisdiction: d.jurisdiction };
  if (is.cohorts === 'PUBLIC') {
    out.cohorts = d.cohorts.map((c) => ({ key: c.key, name: c.name, enrolment: { start: c.enrolment.start, end: c.enrolment.end }, expectedParticipants: c.expectedParticipants ?? null }));
    out.periods = d.periods.map((p) => ({ key: p.key, name: p.name, start: p.start, end: p.end }));
  }
  if (is.outcomeMetrics === 'PUBLIC') {
    out.metrics = d.metrics.map((m) => ({ key: m.key, name: m.name, unit: m.unit, direction: m.direction, level: m.level, validationMethod: m.validationMethod }));
  }
  if (is.targets === 'PUBLIC' || is.prices === 'PUBLIC' || is.caps === 'PUBLIC') {
    out.rules = d.pricing.map((r) => ({
      name: is.targets === 'PUBLIC' && is.prices === 'PUBLIC' && is.caps === 'PUBLIC' ? r.name ?? r.key : null,
      kind: r.kind,
      metrics: ruleMetrics(r),
      targets: is.targets === 'PUBLIC' ? ruleTargets(r) : [],
      prices: is.prices === 'PUBLIC' ? rulePrices(r) : [],
      caps: is.caps === 'PUBLIC' ? ruleCaps(r) : [],
    }));
  }
  if (is.caps === 'PUBLIC') {
    out.caps = [
      ...(d.maximumOutcomePayment ? [{ kind: 'maximumOutcomePayment', value: d.maximumOutcomePayment, unit: 'amount' as const }] : []),
      ...d.payers.map((p, i) => ({ kind: 'payerCommitment', metric: `${i}`, value: p.maximumCommitment, unit: 'amount' as const })),
      ...d.cohorts.flatMap((c, i) => (c.maxPayment ? [{ kind: 'cohortCap', metric: `${i}`, value: c.maxPayment, unit: 'amount' as const }] : [])),
      ...d.periods.flatMap((p, i) => (p.maxPayment ? [{ kind: 'periodCap', metric: `${i}`, value: p.maxPayment, unit: 'amount' as const }] : [])),
    ];
  }
  if (is.investments === 'PUBLIC') {
    out.investments = d.investors.map((i) => ({ commitment: i.commitment, seniority: i.seniority, tranches: i.tranches.map((t) => ({ amount: t.amount, plannedDate: t.plannedDate })) }));
  }
  if (is.investorReturns === 'PUBLIC') out.returnCaps = d.investors.map((i) => (i.returnCap ? { ...i.returnCap } : null));
  if (is.prices === 'PUBLIC' && d.indexation) out.indexation = d.indexation;
  return out;
}

// ---------------------------------------------------------------- the public INDIGO export

/**
 * Which fields a section of the INDIGO project record draws on: the section is published only when
 * every one of them is PUBLIC (its notes and descriptions mix them). Sections not listed here
 * (the project's free-text notes, the sources) are never published.
 */
export const indigoSectionFields: Record<string, readonly DisclosureField[]> = {
  status: [],
  stage_development: [],
  name: ['title'],
  dates: ['term', 'cohorts'], // the service dates are the cohorts' and periods' span
  jurisdiction: ['policyArea'],
  purpose_and_classifications: ['policyArea', 'outcomeMetrics'],
  service_and_beneficiaries: ['cohorts', 'outcomeMetrics', 'term'],
  service_provisions: ['parties', 'term', 'cohorts'],
  intermediary_services: ['parties', 'term'],
  outcome_payment_commitments: ['parties', 'term', 'caps', 'paymentsMade'],
  overall_project_finance: ['caps', 'investments', 'paymentsMade', 'investorReturns'],
  investment_details: ['investments', 'investorReturns'],
  investments: ['parties', 'investments', 'investorReturns'],
  outcome_metrics: ['outcomeMetrics', 'cohorts', 'targets'],
  outcome_pricings: ['outcomeMetrics', 'cohorts', 'targets', 'prices', 'caps', 'parties'],
  transactions: ['parties', 'paymentsMade', 'investments', 'investorReturns'],
  results: ['outcomeMetrics', 'cohorts', 'outcomesAchieved'],
  outcome_payments: ['parties', 'paymentsMade', 'outcomeMetrics', 'cohorts'],
};

/**
 * The INDIGO export restricted to what the publication discloses: each section of the project
 * record kept only when every field it draws on is PUBLIC, the organisation records only when the
 * parties are. The project's id is the contract reference (never our database id).
 */
export function publicIndigoExport(full: IndigoExport, definition: ContractDefinition): IndigoExport {
  const is = disclosureOf(definition);
  const project: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(full.project as unknown as Record<string, unknown>)) {
    const needs = indigoSectionFields[section];
    if (needs && needs.every((f) => is[f] === 'PUBLIC')) project[section] = value;
  }
  return {
    standard: full.standard,
    project: project as unknown as IndigoExport['project'],
    organisations: is.parties === 'PUBLIC' ? full.organisations : [],
  };
}
