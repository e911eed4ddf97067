import { type ContractDefinition, disclosureFields, type PricingRule } from './definition.ts';
import type { PartyBindings } from './lifecycle.ts';

/**
 * A contract definition as the sections of a document (issue 18, "the terms, readable"): parties,
 * term, cohorts and periods, outcomes measured (with their descriptions), outcome data rules, each
 * pricing rule in the form a contract annex uses, caps, return caps, indexation, distribution,
 * scenarios, evaluation schedule, publication (each disclosure field PUBLIC or PRIVATE), sources and
 * assumptions. A neutral structure — labels are message keys of the
 * pages' `contracts` catalogue, values are typed (amounts as decimal strings, fractions, dates,
 * content as written) — that a page renders in its language. Pure: no formatting, no clock.
 * A rule of a kind this module does not know is kept as a visible fallback section (its JSON),
 * never skipped.
 */

export type TermValue =
  | { kind: 'text'; text: string } // contract content, as written
  | { kind: 'amount'; amount: string } // in the contract's currency
  | { kind: 'number'; value: string }
  | { kind: 'percent'; fraction: string } // "0.10" → 10 %
  | { kind: 'date'; date: string }
  | { kind: 'word'; word: string; params?: WordParams } // a message key; its params are plain or values to format
  | { kind: 'list'; items: TermValue[] }
  | { kind: 'none' };

export type WordParams = Record<string, string | number | TermValue>;

export interface TermFact { label: string; value: TermValue }
export interface TermTable { caption: string; columns: string[]; rows: { head: TermValue; cells: TermValue[] }[] }
export type TermBlock =
  | { kind: 'facts'; facts: TermFact[] }
  | { kind: 'table'; table: TermTable }
  | { kind: 'raw'; json: string };

export interface TermSection {
  /** A stable anchor: `parties`, `rule-<key>`… */
  id: string;
  heading: TermValue;
  /** For pricing rules: the rule's kind (as written in the definition). */
  ruleKind?: string;
  blocks: TermBlock[];
}

export interface TermsDocument {
  title: string;
  reference: string;
  currency: string;
  sections: TermSection[];
}

const text = (t: string): TermValue => ({ kind: 'text', text: t });
const amount = (a: string): TermValue => ({ kind: 'amount', amount: a });
const num = (v: string | number): TermValue => ({ kind: 'number', value: String(v) });
const percent = (f: string): TermValue => ({ kind: 'percent', fraction: f });
const date = (d: string): TermValue => ({ kind: 'date', date: d });
const word = (w: string, params?: WordParams): TermValue => (params ? { kind: 'word', word: w, params } : { kind: 'word', word: w });
const list = (items: TermValue[]): TermValue => (items.length === 0 ? { kind: 'none' } : { kind: 'list', items });
const none: TermValue = { kind: 'none' };
const opt = <T>(v: T | undefined | null, f: (v: T) => TermValue): TermValue => (v === undefined || v === null ? none : f(v));

const facts = (...items: (TermFact | false | undefined)[]): TermBlock => ({ kind: 'facts', facts: items.filter((f): f is TermFact => !!f) });
const fact = (label: string, value: TermValue): TermFact => ({ label, value });
const table = (caption: string, columns: string[], rows: TermTable['rows']): TermBlock => ({ kind: 'table', table: { caption, columns, rows } });

/** Every rule kind this module renders; an unknown kind gives the fallback section. */
export const knownRuleKinds = [
  'rate_card', 'counterfactual_threshold', 'tiered', 'linear', 'volume_banded', 'savings_share', 'weighted_composite',
] as const;

export function termsDocument(definition: ContractDefinition, bindings: PartyBindings = {}, organisationNames: Record<string, string> = {}): TermsDocument {
  const d = definition;
  const metricName = (key: string): TermValue => text(d.metrics.find((m) => m.key === key)?.name ?? key);
  const partyName = (key: string): TermValue => text(d.parties.find((p) => p.key === key)?.name ?? key);
  const cohortName = (key: string): TermValue => text(d.cohorts.find((c) => c.key === key)?.name ?? key);
  const scopeName = (scope: 'cohort' | 'period', key: string): TermValue =>
    scope === 'cohort' ? cohortName(key) : text(d.periods.find((p) => p.key === key)?.name ?? key);

  const sections: TermSection[] = [];

  // Parties and their roles, with the organisations bound.
  sections.push({
    id: 'parties',
    heading: word('terms.parties'),
    blocks: [table('terms.partiesCaption', ['terms.party', 'terms.roles', 'terms.organisation'], d.parties.map((p) => ({
      head: text(p.name),
      cells: [
        list(p.roles.map((r) => word(`role.${r}`))),
        opt(bindings[p.key], (id) => text(organisationNames[id] ?? id)),
      ],
    })))],
  });

  // Term, currency, evaluation.
  sections.push({
    id: 'term',
    heading: word('terms.term'),
    blocks: [facts(
      fact('terms.reference', text(d.reference)),
      fact('terms.policyArea', word(`policyArea.${d.policyArea}`)),
      fact('terms.jurisdiction', text(d.jurisdiction)),
      fact('terms.currency', text(d.currency)),
      fact('terms.start', date(d.term.start)),
      fact('terms.end', date(d.term.end)),
    )],
  });

  // Cohorts and periods.
  sections.push({
    id: 'cohorts',
    heading: word('terms.cohorts'),
    blocks: [
      table('terms.cohortsCaption', ['terms.enrolment', 'terms.followUp', 'terms.recordingLag', 'terms.expectedParticipants', 'terms.maxPayment'],
        d.cohorts.map((c) => ({
          head: text(c.name),
          cells: [
            word('terms.dateRange', { start: date(c.enrolment.start), end: date(c.enrolment.end) }),
            word('terms.months', { count: c.followUpMonths }),
            word('terms.months', { count: c.recordingLagMonths }),
            opt(c.expectedParticipants, num),
            opt(c.maxPayment, amount),
          ],
        }))),
      ...(d.periods.length > 0 ? [table('terms.periodsCaption', ['terms.start', 'terms.end', 'terms.maxPayment'], d.periods.map((p) => ({
        head: text(p.name), cells: [date(p.start), date(p.end), opt(p.maxPayment, amount)],
      })))] : []),
    ],
  });

  // Outcomes measured.
  sections.push({
    id: 'metrics',
    heading: word('terms.metrics'),
    blocks: [
      table('terms.metricsCaption', ['terms.unit', 'terms.direction', 'terms.level', 'terms.validation', 'terms.evidence', 'terms.scale', 'terms.results'], d.metrics.map((m) => ({
        head: text(m.name),
        cells: [
          text(m.unit), word(`direction.${m.direction}`), word(`level.${m.level}`), word(`validation.${m.validationMethod}`), list(m.evidenceRequired.map(text)),
          opt(m.scale, (scale) => word('terms.perParticipants', { count: num(scale) })),
          m.level === 'aggregate' ? word(`results.${m.results}`) : none,
        ],
      }))),
      ...(d.metrics.some((m) => m.description) ? [table('terms.metricDescriptionsCaption', ['terms.description'],
        d.metrics.filter((m) => m.description).map((m) => ({ head: text(m.name), cells: [text(m.description!)] })))] : []),
    ],
  });

  // Rules the outcome data must follow.
  if (d.data && (d.data.participantReferencePattern || d.data.spreadsheetLocale)) {
    sections.push({
      id: 'data',
      heading: word('terms.data'),
      blocks: [facts(
        d.data.participantReferencePattern ? fact('terms.participantReferencePattern', text(d.data.participantReferencePattern)) : undefined,
        d.data.spreadsheetLocale ? fact('terms.spreadsheetLocale', text(d.data.spreadsheetLocale)) : undefined,
      )],
    });
  }

  // Each pricing rule.
  for (const rule of d.pricing) sections.push(ruleSection(rule, { metricName, partyName, cohortName, scopeName }));

  // Caps.
  sections.push({
    id: 'caps',
    heading: word('terms.caps'),
    blocks: [
      facts(fact('terms.maximumOutcomePayment', opt(d.maximumOutcomePayment, amount))),
      table('terms.payersCaption', ['terms.maximumCommitment'], d.payers.map((p) => ({ head: partyName(p.party), cells: [amount(p.maximumCommitment)] }))),
    ],
  });

  // Investors and return caps.
  if (d.investors.length > 0) {
    sections.push({
      id: 'investors',
      heading: word('terms.investors'),
      blocks: [
        table('terms.investorsCaption', ['terms.commitment', 'terms.seniority', 'terms.returnCap'], d.investors.map((i) => ({
          head: partyName(i.party),
          cells: [
            amount(i.commitment),
            word(`seniority.${i.seniority}`),
            opt(i.returnCap, (cap) => (cap.kind === 'irr' ? word('terms.returnCapIrr', { rate: percent(cap.annualRate) }) : word('terms.returnCapMultiple', { multiple: num(cap.multiple) }))),
          ],
        }))),
        ...(d.investors.some((i) => i.tranches.length > 0) ? [table('terms.tranchesCaption', ['terms.investor', 'terms.amount', 'terms.plannedDate'],
          d.investors.flatMap((i) => i.tranches.map((t) => ({ head: text(t.key), cells: [partyName(i.party), amount(t.amount), date(t.plannedDate)] }))))] : []),
      ],
    });
  }

  // Indexation.
  sections.push({
    id: 'indexation',
    heading: word('terms.indexation'),
    blocks: !d.indexation
      ? [facts(fact('terms.indexationKind', word('terms.noIndexation')))]
      : d.indexation.kind === 'annual_rate'
        ? [facts(fact('terms.indexationKind', word('terms.indexationAnnual')), fact('terms.rate', percent(d.indexation.rate)), fact('terms.baseDate', date(d.indexation.baseDate)))]
        : [facts(fact('terms.indexationKind', word('terms.indexationSchedule'))),
          table('terms.indexationCaption', ['terms.factor'], d.indexation.steps.map((s) => ({ head: date(s.effectiveFrom), cells: [num(s.factor)] })))],
  });

  // Distribution.
  sections.push({
    id: 'distribution',
    heading: word('terms.distribution'),
    blocks: [facts(
      fact('terms.surplus', word(`surplus.${d.distribution.surplus}`)),
      d.distribution.operatorParty ? fact('terms.operatorParty', partyName(d.distribution.operatorParty)) : undefined,
      d.distribution.paymentRecipient ? fact('terms.paymentRecipient', partyName(d.distribution.paymentRecipient)) : undefined,
    )],
  });

  // Scenarios.
  if (d.scenarios.length > 0) {
    for (const s of d.scenarios) {
      sections.push({
        id: `scenario-${s.key}`,
        heading: word('terms.scenario', { name: s.name }),
        blocks: [
          ...(s.description ? [facts(fact('terms.description', text(s.description)))] : []),
          table('terms.expectationsCaption', ['terms.scope', 'terms.expected', ...(samples(s) ? ['terms.sampleSizes'] : [])], s.expectations.map((e) => ({
            head: metricName(e.metric),
            cells: 'count' in e
              ? [cohortName(e.cohort), e.participants ? word('terms.countOver', { count: num(e.count), participants: num(e.participants) }) : word('terms.count', { count: num(e.count) }), ...(samples(s) ? [none] : [])]
              : [
                e.cohort ? cohortName(e.cohort) : e.period ? scopeName('period', e.period) : none,
                e.comparisonValue !== undefined ? word('terms.treatmentVsComparison', { treatment: num(e.treatmentValue), comparison: num(e.comparisonValue) }) : word('terms.treatment', { treatment: num(e.treatmentValue) }),
                ...(samples(s) ? [list([
                  ...(e.treatmentSampleSize !== undefined ? [word('terms.treatmentSample', { count: num(e.treatmentSampleSize) })] : []),
                  ...(e.comparisonSampleSize !== undefined ? [word('terms.comparisonSample', { count: num(e.comparisonSampleSize) })] : []),
                ])] : []),
              ],
          }))),
        ],
      });
    }
  }

  // Evaluation schedule.
  sections.push({
    id: 'evaluation',
    heading: word('terms.evaluation'),
    blocks: [facts(
      fact('terms.schedule', text(d.evaluation.schedule)),
      fact('terms.timeZone', text(d.evaluation.timeZone)),
      fact('terms.paymentTerms', word('terms.days', { count: d.evaluation.paymentTermsDays })),
    )],
  });

  // Publication: whether the contract has a public page and, field by field, what it shows.
  const publication = d.publication;
  sections.push({
    id: 'publication',
    heading: word('terms.publication'),
    blocks: [
      facts(fact('terms.published', word(publication?.published ? 'terms.publishedYes' : 'terms.publishedNo'))),
      ...(publication?.published ? [table('terms.disclosureCaption', ['terms.disclosureStatus'], disclosureFields.map((f) => ({
        head: word(`disclosure.${f}`),
        cells: [word(`disclosureStatus.${publication.disclosure[f] === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE'}`)],
      })))] : []),
    ],
  });

  if (d.source) {
    sections.push({
      id: 'source',
      heading: word('terms.source'),
      blocks: [facts(fact('terms.sourceNotes', text(d.source.notes)), d.source.urls.length > 0 ? fact('terms.sourceUrls', list(d.source.urls.map(text))) : undefined)],
    });
  }

  if (d.assumptions.length > 0) {
    sections.push({ id: 'assumptions', heading: word('terms.assumptions'), blocks: [facts(...d.assumptions.map((a) => fact('terms.assumption', text(a))))] });
  }

  return { title: d.title, reference: d.reference, currency: d.currency, sections };
}

interface Names {
  metricName(key: string): TermValue;
  partyName(key: string): TermValue;
  cohortName(key: string): TermValue;
  scopeName(scope: 'cohort' | 'period', key: string): TermValue;
}

function commonFacts(rule: PricingRule, n: Names): TermFact[] {
  return [
    fact('terms.ruleKind', word(`ruleKind.${rule.kind}`)),
    ...(rule.payers ? [fact('terms.payers', list(rule.payers.map((p) => word('terms.payerShare', { party: textOf(n.partyName(p.party)), share: percent(p.share) }))))] : []),
    ...(rule.cap?.total ? [fact('terms.capTotal', amount(rule.cap.total))] : []),
    ...(rule.cap?.perScope ? [fact('terms.capPerScope', amount(rule.cap.perScope))] : []),
  ];
}

const samples = (s: ContractDefinition['scenarios'][number]): boolean =>
  s.expectations.some((e) => 'treatmentValue' in e && (e.treatmentSampleSize !== undefined || e.comparisonSampleSize !== undefined));

const textOf = (v: TermValue) => (v.kind === 'text' ? v.text : '');

function scopeFacts(rule: { scope: 'cohort' | 'period'; scopes?: string[] | undefined }, n: Names): TermFact[] {
  return [fact('terms.scope', word(`scope.${rule.scope}`)), fact('terms.scopes', rule.scopes ? list(rule.scopes.map((s) => n.scopeName(rule.scope, s))) : word('terms.allScopes'))];
}

function ruleSection(rule: PricingRule, n: Names): TermSection {
  const base = { id: `rule-${rule.key}`, heading: text(rule.name ?? rule.key), ruleKind: rule.kind };
  const cohorts = (keys: string[] | undefined): TermFact => fact('terms.ruleCohorts', keys ? list(keys.map(n.cohortName)) : word('terms.allCohorts'));
  switch (rule.kind) {
    case 'rate_card':
      return {
        ...base,
        blocks: [
          facts(...commonFacts(rule, n), cohorts(rule.cohorts), rule.participantCap ? fact('terms.participantCap', amount(rule.participantCap)) : undefined),
          table('terms.rateCardCaption', ['terms.price', 'terms.claimLimit', 'terms.prerequisites', 'terms.outcomeCap'], rule.outcomes.map((o) => ({
            head: n.metricName(o.metric),
            cells: [
              amount(o.price),
              o.maxClaimsPerParticipant === null
                ? word('terms.noLimit')
                : word(`claimLimit.${o.claimLimitCounts}.${o.claimLimitPer}`, { count: o.maxClaimsPerParticipant }),
              list([
                ...o.requires.map((r) => word('terms.requires', { outcome: textOf(n.metricName(r)) })),
                ...o.awaits.map((a) => (a.withinMonths ? word('terms.awaitsWithin', { outcome: textOf(n.metricName(a.metric)), months: a.withinMonths }) : word('terms.awaits', { outcome: textOf(n.metricName(a.metric)) }))),
                ...(o.sustainment ? [word(o.sustainment.resetBy.length > 0 ? 'terms.sustainmentReset' : 'terms.sustainment', {
                  months: o.sustainment.months, start: textOf(n.metricName(o.sustainment.clockStart)),
                  reset: o.sustainment.resetBy.map((r) => textOf(n.metricName(r))).join(', '),
                })] : []),
              ]),
              opt(o.cap, amount),
            ],
          }))),
        ],
      };
    case 'counterfactual_threshold':
      return {
        ...base,
        blocks: [facts(
          ...commonFacts(rule, n),
          fact('terms.metric', n.metricName(rule.metric)),
          cohorts(rule.cohorts),
          fact('terms.cohortThreshold', percent(rule.cohortThreshold)),
          fact('terms.pricePerUnit', amount(rule.pricePerUnit)),
          fact('terms.pooledThreshold', opt(rule.pooled, (p) => percent(p.threshold))),
          rule.pooled ? fact('terms.pooledCohorts', list((rule.pooled.cohorts ?? rule.cohorts).map(n.cohortName))) : undefined,
        )],
      };
    case 'tiered':
      return {
        ...base,
        blocks: [
          facts(...commonFacts(rule, n), fact('terms.metric', n.metricName(rule.metric)), ...scopeFacts(rule, n), fact('terms.measure', word(`measure.${rule.measure}`))),
          table('terms.tiersCaption', ['terms.amount'], rule.tiers.map((t) => ({ head: word('terms.atLeast', { value: num(t.atLeast) }), cells: [amount(t.amount)] }))),
        ],
      };
    case 'linear':
      return {
        ...base,
        blocks: [facts(
          ...commonFacts(rule, n), fact('terms.metric', n.metricName(rule.metric)), ...scopeFacts(rule, n), fact('terms.measure', word(`measure.${rule.measure}`)),
          fact('terms.floor', num(rule.floor)), fact('terms.pricePerUnit', amount(rule.pricePerUnit)), fact('terms.unitSize', num(rule.unitSize)),
          fact('terms.paysFrom', word(`paysFrom.${rule.paysFrom}`)),
        )],
      };
    case 'volume_banded': {
      let from = 1;
      return {
        ...base,
        blocks: [
          facts(...commonFacts(rule, n), fact('terms.metric', n.metricName(rule.metric)), cohorts(rule.cohorts), fact('terms.maxClaims', num(rule.maxClaimsPerParticipant))),
          table('terms.bandsCaption', ['terms.price', 'terms.bandMaximum'], rule.bands.map((b) => {
            const head = b.upTo !== undefined ? word('terms.bandRange', { from, to: b.upTo }) : word('terms.bandFrom', { from });
            if (b.upTo !== undefined) from = b.upTo + 1;
            return { head, cells: [amount(b.price), opt(b.maxAmount, amount)] };
          })),
        ],
      };
    }
    case 'savings_share':
      return {
        ...base,
        blocks: [facts(
          ...commonFacts(rule, n), fact('terms.metric', n.metricName(rule.metric)), ...scopeFacts(rule, n),
          fact('terms.initialShare', percent(rule.initialShare)),
          fact('terms.shareThreshold', 'amount' in rule.threshold ? amount(rule.threshold.amount) : word('terms.principalPlusInterest', { rate: percent(rule.threshold.principalPlusInterest.annualRate) })),
          fact('terms.subsequentShare', percent(rule.subsequentShare)),
        )],
      };
    case 'weighted_composite':
      return {
        ...base,
        blocks: [
          facts(...commonFacts(rule, n), ...scopeFacts(rule, n), fact('terms.paymentAtFull', amount(rule.paymentAtFullAchievement)),
            fact('terms.minimumAchievement', opt(rule.minimumAchievement, percent))),
          table('terms.componentsCaption', ['terms.weight', 'terms.target', 'terms.maxAchievement'], rule.components.map((c) => ({
            head: n.metricName(c.metric),
            cells: [percent(c.weight), c.target ? num(c.target) : word('terms.comparisonAsTarget'), opt(c.maxAchievement, percent)],
          }))),
        ],
      };
    default: {
      const unknown = rule as { key?: unknown; name?: unknown; kind?: unknown };
      return {
        id: `rule-${String(unknown.key ?? 'unknown')}`,
        heading: text(typeof unknown.name === 'string' ? unknown.name : String(unknown.key ?? '?')),
        ruleKind: String(unknown.kind),
        blocks: [facts(fact('terms.ruleKind', word('terms.unknownKind', { kind: String(unknown.kind) }))), { kind: 'raw', json: JSON.stringify(rule, null, 2) }],
      };
    }
  }
}

/** Every message key a document uses (labels, captions, columns, words): the pages' catalogue must hold each. */
export function wordsOf(doc: TermsDocument): Set<string> {
  const words = new Set<string>();
  const value = (v: TermValue) => {
    if (v.kind === 'word') {
      words.add(v.word);
      for (const p of Object.values(v.params ?? {})) if (typeof p === 'object') value(p);
    }
    if (v.kind === 'list') v.items.forEach(value);
  };
  for (const s of doc.sections) {
    value(s.heading);
    for (const b of s.blocks) {
      if (b.kind === 'facts') for (const f of b.facts) { words.add(f.label); value(f.value); }
      if (b.kind === 'table') {
        words.add(b.table.caption);
        b.table.columns.forEach((c) => words.add(c));
        for (const r of b.table.rows) { value(r.head); r.cells.forEach(value); }
      }
    }
  }
  return words;
}
