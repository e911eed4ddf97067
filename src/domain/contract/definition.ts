import { z } from 'zod';
import {
  Amount, CurrencyCode, DateRange, Fraction, IsoDateString, Key, NonNegativeRate, PositiveAmount, PositiveRate, Rate,
} from './primitives.ts';

/**
 * The contract definition: one schema used by the API, the files in `contracts/`, the published
 * JSON Schema and /openapi.json. Structural rules live here; rules that relate one part to another
 * (unknown metric, cohort outside the term, tiers out of order…) are in `semantics.ts`.
 */

export const partyRoles = ['outcome_payer', 'investor', 'operator', 'evaluator', 'validator', 'intermediary'] as const;
export const PartyRole = z.enum(partyRoles).meta({ id: 'PartyRole' });
export type PartyRole = z.infer<typeof PartyRole>;

export const Party = z
  .strictObject({
    key: Key,
    name: z.string().min(1).max(300),
    roles: z.array(PartyRole).min(1).refine((r) => new Set(r).size === r.length, 'roles must not repeat'),
  })
  .meta({ id: 'ContractParty', description: 'An organisation taking part, by its key in this contract. One party may hold several roles.' });

export const PayerTerms = z
  .strictObject({
    party: Key,
    maximumCommitment: PositiveAmount.meta({ description: 'The most this payer will ever pay under the contract (a cap)' }),
  })
  .meta({ id: 'PayerTerms' });

export const ReturnCap = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('irr'),
      annualRate: PositiveRate.meta({ description: 'Maximum internal rate of return, e.g. "0.15" for 15% a year' }),
    }),
    z.strictObject({
      kind: z.literal('multiple'),
      multiple: PositiveRate.meta({ description: 'Maximum money multiple (total received / total drawn), e.g. "1.5"' }),
    }),
  ])
  .meta({ id: 'ReturnCap' });

export const Tranche = z
  .strictObject({ key: Key, amount: PositiveAmount, plannedDate: IsoDateString })
  .meta({ id: 'Tranche' });

export const InvestorTerms = z
  .strictObject({
    party: Key,
    commitment: PositiveAmount.meta({ description: 'Capital committed' }),
    seniority: z.enum(['senior', 'subordinate', 'grant', 'guarantee']).meta({
      description: 'senior is repaid before subordinate; grants are not repaid; guarantees pay out only on a shortfall',
    }),
    tranches: z.array(Tranche).default([]),
    returnCap: ReturnCap.optional(),
  })
  .meta({ id: 'InvestorTerms' });

export const Cohort = z
  .strictObject({
    key: Key,
    name: z.string().min(1).max(300),
    enrolment: DateRange.meta({ description: 'Window in which participants join this cohort' }),
    followUpMonths: z.number().int().min(0).max(240).meta({ description: 'How long outcomes are observed after the intervention' }),
    recordingLagMonths: z.number().int().min(0).max(120).meta({ description: 'How long official data takes to record the outcome' }),
    expectedParticipants: z.number().int().positive().optional(),
    maxPayment: PositiveAmount.optional().meta({ description: 'Cap on all payments attributed to this cohort' }),
  })
  .meta({ id: 'Cohort' });

export const Period = z
  .strictObject({
    key: Key,
    name: z.string().min(1).max(300),
    start: IsoDateString,
    end: IsoDateString,
    maxPayment: PositiveAmount.optional().meta({ description: 'Cap on all payments attributed to this period' }),
  })
  .meta({ id: 'Period', description: 'A measurement period (e.g. a contract year) for period-based rules and caps' });

export const validationMethods = [
  'administrative_data', 'verified_evidence', 'randomised_controlled_trial', 'quasi_experimental',
  'historical_baseline', 'validated_survey', 'self_reported',
] as const;

export const Metric = z
  .strictObject({
    key: Key,
    name: z.string().min(1).max(300),
    description: z.string().max(4000).optional(),
    unit: z.string().min(1).max(100).meta({ examples: ['outcome', 'reconviction events per 100', 'ASER levels', 'GBP'] }),
    direction: z.enum(['increase', 'decrease']).meta({ description: 'Which way is better' }),
    level: z.enum(['participant', 'aggregate']).meta({
      description: 'participant: one claim per participant and outcome (rate cards); aggregate: one result per cohort or period',
    }),
    validationMethod: z.enum(validationMethods),
    evidenceRequired: z.array(z.string().min(1).max(300)).default([]),
    scale: PositiveRate.optional().meta({
      description: 'For rates: the number of participants a value refers to (e.g. "100" for events per 100). Default 1.',
    }),
    results: z.enum(['replace', 'accumulate']).default('replace').meta({
      description:
        'For aggregate metrics: how the results of one scope (a cohort or a period) combine. replace (default): a later ' +
        'result is a re-estimate of the same measure and replaces the earlier ones (the latest measuredOn is used, ties ' +
        'to the greatest id). accumulate: each measurement date is a successive period (e.g. the savings of each year) ' +
        'and pays on its own; the scope pays the sum over its measurement dates. In both modes a correction supersedes ' +
        'the record it corrects, and results of the same scope measured on the same date replace each other (ties to ' +
        'the greatest id). Savings-share, tiered and linear rules may use an accumulating metric; counterfactual ' +
        'thresholds and weighted composites compare one result per scope and may not. Participant-level metrics: ' +
        'replace only (each claim is paid on its own anyway).',
    }),
  })
  .meta({ id: 'Metric', description: 'An outcome metric: what is measured, how, and which way is better' });

export const OutcomeDataRules = z
  .strictObject({
    participantReferencePattern: z.string().min(1).max(200).optional().meta({
      description:
        'A regular expression (JavaScript syntax, Unicode mode) that every participant reference uploaded under this ' +
        'contract must match as a whole: it is anchored at both ends, so "P[0-9]{6}" and "^P[0-9]{6}$" mean the same. ' +
        'It narrows the platform\'s own rules (no e-mail addresses, phone numbers, IBANs, NIRs, National Insurance ' +
        'numbers or names; at least one digit), never loosens them. Checked at registration: it must compile, and, ' +
        'since it runs on every row, may not use backreferences or lookaround, nor repeat a group that itself ' +
        'contains a repetition or an alternation.',
      examples: ['^P[0-9]{6}$'],
    }),
    spreadsheetLocale: z.string().min(2).max(35).optional().meta({
      description:
        'The locale of the spreadsheets the operator uploads (a BCP 47 tag such as "fr-FR"): decimal commas, ' +
        'thousands separators and day/month/year dates are read as in it when an upload does not say `?locale=`. ' +
        'ISO dates and plain decimals are always accepted.',
      examples: ['fr-FR'],
    }),
  })
  .meta({ id: 'OutcomeDataRules', description: 'Rules that the outcome data uploaded under this contract must follow' });

const PayerShare = z.strictObject({ party: Key, share: Fraction }).meta({ id: 'PayerShare' });

const RuleCap = z
  .strictObject({
    total: PositiveAmount.optional().meta({ description: 'Most this rule pays in all' }),
    perScope: PositiveAmount.optional().meta({ description: 'Most this rule pays per cohort or period' }),
  })
  .meta({ id: 'RuleCap' });

const ruleBase = {
  key: Key,
  name: z.string().min(1).max(300).optional(),
  payers: z.array(PayerShare).min(1).optional().meta({
    description: 'Who pays what share of this rule. Optional when the contract has a single outcome payer.',
  }),
  cap: RuleCap.optional(),
};

export const measures = ['relative_improvement', 'absolute_improvement', 'units_improved', 'value', 'achievement'] as const;
const Measure = z.enum(measures).meta({
  id: 'Measure',
  description:
    'relative_improvement: (comparison - treatment) / comparison for decrease metrics, the reverse for increase; ' +
    'absolute_improvement: the difference in the better direction; units_improved: absolute_improvement x treatment ' +
    'sample size / metric scale; value: the treatment value; achievement: treatment value / target.',
});

const ScopeSelection = {
  scope: z.enum(['cohort', 'period']),
  scopes: z.array(Key).min(1).optional().meta({ description: 'Which cohorts or periods; all of them when omitted' }),
};

export const Sustainment = z
  .strictObject({
    clockStart: Key.meta({ description: 'Metric whose claims start (and restart) the clock, e.g. entry to accommodation' }),
    months: z.number().int().min(1).max(120),
    resetBy: z.array(Key).default([]).meta({ description: 'Metrics whose claims stop the clock (e.g. accommodation ended)' }),
  })
  .meta({
    id: 'Sustainment',
    description:
      'A sustainment outcome pays only if the clock has run `months` without a reset: some clock start on or before ' +
      'the achievement date minus `months`, with no reset after it up to the achievement date.',
  });

export const RateCardOutcome = z
  .strictObject({
    metric: Key,
    price: PositiveAmount,
    maxClaimsPerParticipant: z.number().int().min(1).max(1_000_000).nullable().default(1).meta({
      description:
        'Most claims (or units, see claimLimitCounts) of this outcome paid per participant, over the term or per ' +
        'claimLimitPer; null: no limit (the outcome pays every time it recurs). Default 1.',
    }),
    claimLimitPer: z.enum(['term', 'month', 'quarter', 'year']).default('term').meta({
      description: 'The limit applies over the whole term (default) or per calendar month, quarter or year of the achievement date',
    }),
    claimLimitCounts: z.enum(['claims', 'units']).default('claims').meta({
      description: 'What the limit counts: claims (default) or units (the claims\' quantities, e.g. days)',
    }),
    requires: z.array(Key).default([]).meta({ description: 'Outcomes the participant must have achieved first (on or before)' }),
    awaits: z
      .array(z.strictObject({
        metric: Key,
        withinMonths: z.number().int().min(1).max(600).optional().meta({
          description: 'Only claims achieved at most this many months before the condition are made payable by it (a look-back window)',
        }),
      }))
      .default([])
      .meta({
        description:
          'Retroactive eligibility: claims of this outcome are held ("awaiting <metric>", not refused) until the ' +
          'participant has a claim of each awaited metric, at any date; they become payable at the first evaluation ' +
          'after the condition is met (e.g. days housed are paid once a one-year tenancy is reached)',
      }),
    sustainment: Sustainment.optional(),
    cap: PositiveAmount.optional().meta({ description: 'Most paid for this outcome across all participants' }),
  })
  .meta({ id: 'RateCardOutcome' });

export const RateCardRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('rate_card'),
    outcomes: z.array(RateCardOutcome).min(1),
    participantCap: PositiveAmount.optional().meta({ description: 'Most paid for one participant under this rule' }),
    cohorts: z.array(Key).min(1).optional().meta({ description: 'Cohorts this rule covers; all when omitted' }),
  })
  .meta({ id: 'RateCardRule', description: 'A price per outcome per participant, with claim limits, prerequisites, sustainment clocks and caps' });

export const CounterfactualThresholdRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('counterfactual_threshold'),
    metric: Key,
    cohorts: z.array(Key).min(1),
    cohortThreshold: PositiveRate.meta({ description: 'Minimum relative improvement vs the comparison group for a cohort to pay, e.g. "0.10"' }),
    pricePerUnit: PositiveAmount.meta({ description: 'Price per unit improved (e.g. per reconviction event avoided)' }),
    pooled: z
      .strictObject({
        threshold: PositiveRate.meta({ description: 'Minimum pooled relative improvement, e.g. "0.075"' }),
        cohorts: z.array(Key).min(1).optional().meta({ description: 'Cohorts pooled; the rule cohorts when omitted' }),
      })
      .optional()
      .meta({
        description:
          'Fallback once every pooled cohort has a result: if the pooled improvement (sample-size weighted) reaches the ' +
          'threshold, it pays units improved x price, less what this rule already paid.',
      }),
  })
  .meta({ id: 'CounterfactualThresholdRule', description: 'Pays per cohort when it beats a comparison group by a threshold, with an optional pooled fallback' });

export const TieredRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('tiered'),
    metric: Key,
    ...ScopeSelection,
    measure: Measure,
    tiers: z.array(z.strictObject({ atLeast: Rate, amount: PositiveAmount })).min(1).meta({
      description: 'In increasing order; the highest tier reached pays its amount (not the sum)',
    }),
  })
  .meta({ id: 'TieredRule', description: 'Fixed amounts at achievement bands' });

export const LinearRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('linear'),
    metric: Key,
    ...ScopeSelection,
    measure: Measure,
    floor: Rate.meta({ description: 'Nothing is paid below this' }),
    pricePerUnit: PositiveAmount,
    unitSize: PositiveRate.default('1').meta({ description: 'Size of one priced unit of the measure, e.g. "0.01" for a percentage point' }),
    paysFrom: z.enum(['floor', 'zero']).default('floor').meta({
      description: 'floor: only the part above the floor is paid; zero: once above the floor, the whole measure is paid',
    }),
  })
  .meta({ id: 'LinearRule', description: 'Nothing below a floor, then a price per unit of improvement' });

export const VolumeBandedRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('volume_banded'),
    metric: Key,
    maxClaimsPerParticipant: z.number().int().min(1).max(1000).default(1),
    bands: z
      .array(z.strictObject({
        upTo: z.number().int().positive().optional(),
        price: Amount.meta({
          description: 'Price of each outcome in this band (indexed); "0" for outcomes that pay nothing, e.g. a baseline band of the first N outcomes',
        }),
        maxAmount: PositiveAmount.optional().meta({
          description:
            'Most this band pays in all, across the rule\'s cohorts: outcomes in the band are paid in achievement order ' +
            'until it is reached (the outcome crossing it is paid in part); the cut is explained as a cap effect of the band',
        }),
      }))
      .min(1)
      .meta({ description: 'In order; `upTo` is the cumulative count where the band ends; the last band has no `upTo`' }),
    cohorts: z.array(Key).min(1).optional(),
  })
  .meta({
    id: 'VolumeBandedRule',
    description:
      'The unit price depends on how many outcomes were reached so far (in order of achievement); a band may pay nothing ' +
      '(a baseline) and may have a maximum amount',
  });

export const SavingsShareRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('savings_share'),
    metric: Key.meta({ description: 'An aggregate metric whose treatment value is the measured public saving' }),
    ...ScopeSelection,
    initialShare: Fraction,
    threshold: z
      .union([
        z.strictObject({ amount: PositiveAmount }),
        z.strictObject({ principalPlusInterest: z.strictObject({ annualRate: NonNegativeRate }) }),
      ])
      .meta({
        description:
          'When cumulative payments under this rule reach this, the share drops for good. principalPlusInterest: total ' +
          'investor commitment plus simple interest (actual/365) from the term start to the date each payment falls due ' +
          '(the due date of the obligation that first pays it: its evaluation cut-off + evaluation.paymentTermsDays).',
      }),
    subsequentShare: Fraction,
  })
  .meta({ id: 'SavingsShareRule', description: 'A share of measured savings, higher until investors are repaid with interest, lower afterwards' });

export const WeightedCompositeRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('weighted_composite'),
    ...ScopeSelection,
    components: z
      .array(
        z.strictObject({
          metric: Key,
          weight: Fraction,
          target: PositiveRate.optional().meta({ description: "Target value; the result's comparison value when omitted" }),
          maxAchievement: PositiveRate.optional().meta({ description: 'Cap on this component\'s achievement ratio, e.g. "2.0"' }),
        }),
      )
      .min(1),
    paymentAtFullAchievement: PositiveAmount.meta({ description: 'Paid when the weighted achievement is exactly 100%' }),
    minimumAchievement: NonNegativeRate.optional().meta({ description: 'Weighted achievement below this pays nothing' }),
  })
  .meta({ id: 'WeightedCompositeRule', description: 'Several metrics against targets, weighted into one achievement ratio' });

export const PricingRule = z
  .discriminatedUnion('kind', [
    RateCardRule, CounterfactualThresholdRule, TieredRule, LinearRule, VolumeBandedRule, SavingsShareRule, WeightedCompositeRule,
  ])
  .meta({ id: 'PricingRule' });
export type PricingRule = z.infer<typeof PricingRule>;

export const Indexation = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('annual_rate'),
      rate: Rate,
      baseDate: IsoDateString.meta({ description: 'Prices apply as written until the first anniversary of this date' }),
    }),
    z.strictObject({
      kind: z.literal('schedule'),
      steps: z.array(z.strictObject({ effectiveFrom: IsoDateString, factor: PositiveRate })).min(1),
    }),
  ])
  .meta({
    id: 'Indexation',
    description:
      'Contracted price increases, applied to unit prices and tier amounts at the achievement date (aggregate results: ' +
      'the end of their cohort enrolment or period). annual_rate compounds on each full year since baseDate; schedule ' +
      'multiplies by the factor of the latest step in effect. Caps are not indexed.',
  });

export const ScenarioExpectation = z
  .union([
    z.strictObject({
      metric: Key,
      cohort: Key,
      count: z.number().int().min(0).meta({ description: 'Participant-level outcomes expected' }),
      participants: z.number().int().positive().optional().meta({
        description: 'Over how many participants the outcomes are spread (round-robin); as many as outcomes when omitted',
      }),
    }),
    z.strictObject({
      metric: Key,
      cohort: Key.optional(),
      period: Key.optional(),
      treatmentValue: Rate,
      comparisonValue: Rate.optional(),
      treatmentSampleSize: z.number().int().positive().optional(),
      comparisonSampleSize: z.number().int().positive().optional(),
    }),
  ])
  .meta({ id: 'ScenarioExpectation' });

export const Scenario = z
  .strictObject({
    key: Key.meta({ examples: ['low', 'medium', 'high'] }),
    name: z.string().min(1).max(300),
    description: z.string().max(4000).optional(),
    expectations: z.array(ScenarioExpectation).min(1),
  })
  .meta({ id: 'Scenario', description: 'Expected outcomes under one scenario, for forecasts (dry-run evaluations)' });

export const EvaluationSchedule = z
  .strictObject({
    schedule: z.string().meta({ description: 'Five-field cron expression', examples: ['0 6 1 * *'] }),
    timeZone: z.string().meta({ description: 'IANA time zone the cron expression is read in', examples: ['Europe/London'] }),
    paymentTermsDays: z.number().int().min(0).max(365).default(30).meta({
      description: 'Days from an evaluation cut-off to the due date of the obligations it creates',
    }),
  })
  .meta({ id: 'EvaluationSchedule' });

/**
 * Publication (issue 18): whether the contract has a public page, and which of its fields that page
 * (and the public INDIGO export) may show. In the INDIGO manner, each field is PUBLIC or PRIVATE; a
 * field not listed is PRIVATE. Part of the terms: in the content hash, approved by every party.
 * Participant-level data is never publishable. What each field covers: src/domain/contract/disclosure.ts.
 */
export const disclosureFields = [
  'title', 'parties', 'term', 'policyArea', 'cohorts', 'outcomeMetrics', 'targets', 'prices', 'caps',
  'outcomesAchieved', 'paymentsMade', 'investments', 'investorReturns',
] as const;
export type DisclosureField = (typeof disclosureFields)[number];
export const DisclosureStatus = z.enum(['PUBLIC', 'PRIVATE']).meta({
  id: 'DisclosureStatus',
  description: 'As the INDIGO data standard marks each value: PUBLIC (may be published) or PRIVATE (never published)',
});
const disclosureDescriptions: Record<DisclosureField, string> = {
  title: 'The contract title',
  parties: "The parties' names and roles",
  term: 'The term: start and end dates',
  policyArea: 'The policy area and the jurisdiction',
  cohorts: 'The cohorts: names, enrolment windows, expected participants',
  outcomeMetrics: 'The outcome metrics: names, units, which way is better, how they are validated',
  targets: 'Thresholds, targets, tier levels and floors of the pricing rules',
  prices: 'Prices: rate cards, prices per unit, tier and band amounts, savings shares, payment at full achievement, indexation',
  caps: 'Every cap: maximum outcome payment, payers\' maximum commitments, cohort, period, rule, outcome and participant caps',
  outcomesAchieved: 'Outcomes achieved (aggregates only: validated outcomes and participants counted per cohort, aggregate results)',
  paymentsMade: 'Outcome payments made (settled totals)',
  investments: "Investors' commitments and capital drawn",
  investorReturns: "Investors' return caps and what they were repaid (money multiple, IRR)",
};

export const Publication = z
  .strictObject({
    published: z.boolean().meta({ description: 'Whether the contract has a public page (/public/contracts/{reference}) once these terms are in force' }),
    disclosure: z
      .strictObject(Object.fromEntries(disclosureFields.map((f) => [f, DisclosureStatus.optional().meta({ description: disclosureDescriptions[f] })])) as {
        [K in DisclosureField]: z.ZodOptional<typeof DisclosureStatus>;
      })
      .default({})
      .meta({ description: 'Per field, PUBLIC or PRIVATE; a field not listed is PRIVATE' }),
  })
  .meta({
    id: 'Publication',
    description:
      'Whether and what the public sees of this contract. The public page shows the reference, the PUBLIC fields and the latest ' +
      'audit head hash; participant-level data is never published.',
  });
export type Publication = z.infer<typeof Publication>;

export const ContractDefinition = z
  .strictObject({
    reference: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - /'),
    title: z.string().min(1).max(500),
    policyArea: z.enum([
      'criminal_justice', 'employment_and_training', 'homelessness', 'education', 'child_and_family_welfare',
      'health', 'agriculture_and_environment', 'poverty_reduction', 'other',
    ]),
    jurisdiction: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'an ISO 3166 code such as "GB" or "GB-ENG"'),
    currency: CurrencyCode,
    term: DateRange.meta({ description: 'Contract start and end dates' }),
    parties: z.array(Party).min(1),
    payers: z.array(PayerTerms).min(1),
    investors: z.array(InvestorTerms).default([]),
    maximumOutcomePayment: PositiveAmount.optional().meta({ description: 'Cap on all outcome payments under the contract' }),
    cohorts: z.array(Cohort).min(1),
    periods: z.array(Period).default([]),
    metrics: z.array(Metric).min(1),
    data: OutcomeDataRules.optional(),
    pricing: z.array(PricingRule).min(1),
    indexation: Indexation.optional(),
    distribution: z
      .strictObject({
        surplus: z.enum(['payer', 'operator']).default('payer').meta({
          description:
            'What happens to outcome payments above the investors\' return caps: payer = never paid (the obligation is ' +
            'capped); operator = paid to the operator as a performance bonus',
        }),
        operatorParty: Key.optional(),
        paymentRecipient: Key.optional().meta({
          description:
            'Party that receives outcome payments (holds the outcomes contract). Default: the first intermediary, else the first operator.',
        }),
      })
      .default({ surplus: 'payer' }),
    scenarios: z.array(Scenario).default([]),
    evaluation: EvaluationSchedule,
    source: z
      .strictObject({ notes: z.string().max(8000), urls: z.array(z.url()).default([]) })
      .optional()
      .meta({ description: 'Where the terms come from' }),
    assumptions: z.array(z.string().min(1).max(2000)).default([]).meta({
      description: 'Every term that is assumed or illustrative rather than taken from the signed contract',
    }),
    publication: Publication.optional(),
  })
  .meta({ id: 'ContractDefinition', description: 'The terms of an outcomes contract, as registered and approved by its parties' });

export type ContractDefinition = z.infer<typeof ContractDefinition>;
export type ContractDefinitionInput = z.input<typeof ContractDefinition>;
export type Metric = z.infer<typeof Metric>;
export type Cohort = z.infer<typeof Cohort>;
export type InvestorTerms = z.infer<typeof InvestorTerms>;
export type RateCardRule = z.infer<typeof RateCardRule>;
export type CounterfactualThresholdRule = z.infer<typeof CounterfactualThresholdRule>;
export type TieredRule = z.infer<typeof TieredRule>;
export type LinearRule = z.infer<typeof LinearRule>;
export type VolumeBandedRule = z.infer<typeof VolumeBandedRule>;
export type SavingsShareRule = z.infer<typeof SavingsShareRule>;
export type WeightedCompositeRule = z.infer<typeof WeightedCompositeRule>;
export type Indexation = z.infer<typeof Indexation>;
export type Scenario = z.infer<typeof Scenario>;
