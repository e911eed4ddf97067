import type { Decimal } from 'decimal.js';
import type { ContractDefinition, Metric, PricingRule } from '../../contract/definition.ts';
import { dec, formatAmount } from '../../money/money.ts';
import type { IndigoOutcomeMetric, IndigoOutcomePricing } from '../types.ts';
import { type ExportContext, maxOf, minOf, ruleMetrics } from './context.ts';
import { policySectors } from './overview.ts';

/** Our validation methods → the options the standard lists for outcome_validation_method. */
export const validationMethods: Record<Metric['validationMethod'], string> = {
  randomised_controlled_trial: 'Randomised Control Trial',
  quasi_experimental: 'Quasi-experimental study',
  historical_baseline: 'Historical comparison',
  administrative_data: 'Simple ex-post verification',
  verified_evidence: 'Simple ex-post verification',
  validated_survey: 'Simple ex-post verification',
  self_reported: 'Simple ex-post verification',
};

const validationWords: Record<Metric['validationMethod'], string> = {
  randomised_controlled_trial: 'randomised controlled trial',
  quasi_experimental: 'quasi-experimental comparison',
  historical_baseline: 'comparison with a historical baseline',
  administrative_data: 'administrative data',
  verified_evidence: 'verified evidence',
  validated_survey: 'validated survey',
  self_reported: 'self-reported',
};

function metricTargets(rule: PricingRule, metric: Metric, pct: (v: string) => string): string[] {
  switch (rule.kind) {
    case 'weighted_composite':
      return rule.components
        .filter((c) => c.metric === metric.key && c.target)
        .map((c) => `${c.target} ${metric.unit} (weight ${pct(c.weight)} in rule "${rule.key}")`);
    case 'counterfactual_threshold':
      return [
        `at least ${pct(rule.cohortThreshold)} better than the comparison group per cohort` +
          (rule.pooled ? `, or at least ${pct(rule.pooled.threshold)} pooled across cohorts` : ''),
      ];
    case 'tiered':
      return [`${measureLevel(rule.measure, rule.tiers[0]!.atLeast, pct)} or more (${rule.measure.replace(/_/g, ' ')}, lowest payment tier)`];
    case 'linear':
      return [`above ${measureLevel(rule.measure, rule.floor, pct)} (${rule.measure.replace(/_/g, ' ')}, the floor)`];
    default:
      return [];
  }
}

/** Relative improvement and achievement are ratios, shown in percent; other measures in their own unit. */
function measureLevel(measure: string, v: string, pct: (v: string) => string): string {
  return measure === 'relative_improvement' || measure === 'achievement' ? pct(v) : v;
}

function indexationWords(d: ContractDefinition, pct: (v: string) => string): string {
  const ix = d.indexation;
  if (!ix) return 'None: prices are fixed for the term.';
  if (ix.kind === 'annual_rate') {
    return `Unit prices and tier amounts rise by ${pct(ix.rate)} a year, compounded on each full year since ${ix.baseDate}, ` +
      'applied at the achievement date; caps are not indexed.';
  }
  return `Unit prices and tier amounts are multiplied by ${ix.steps.map((s) => `${s.factor} from ${s.effectiveFrom}`).join(', ')} ` +
    '(the latest step in effect at the achievement date applies); caps are not indexed.';
}


/**
 * outcome_metrics: one per metric of the definition, `outcomemetric<n>` in definition order; the
 * target in words from the rules that price it; the validation method from the standard's list.
 */
export function outcomeMetrics(x: ExportContext): IndigoOutcomeMetric[] {
  const { d, pct, PUBLIC } = x;
  const sector = policySectors[d.policyArea];
  const rulesFor = (metric: string) => d.pricing.filter((r) => ruleMetrics(r).includes(metric));
  const outcomeMetrics: IndigoOutcomeMetric[] = d.metrics.map((m, i) => {
    const rules = rulesFor(m.key);
    const targets = rules.flatMap((r) => metricTargets(r, m, pct));
    return {
      id: `outcomemetric${i + 1}`,
      definition: { value: m.description ? `${m.name}: ${m.description}` : m.name },
      ...(targets.length > 0 && { outcome_metric_target: { value: targets.join('; ') } }),
      outcome_validation_method: { value: validationMethods[m.validationMethod] },
      data_source_for_outcome_validation: {
        value: m.evidenceRequired.length > 0 ? m.evidenceRequired.join('; ') : validationWords[m.validationMethod],
      },
      ...(sector && { policy_sector: { value: sector } }),
      notes:
        `Metric "${m.key}". Unit: ${m.unit}${m.scale ? ` (per ${m.scale} participants)` : ''}; ` +
        `${m.direction === 'decrease' ? 'lower' : 'higher'} is better; ` +
        `${m.level === 'participant' ? 'one claim per participant and outcome' : 'one result per cohort or period'}; ` +
        `validation: ${validationWords[m.validationMethod]}. ` +
        (rules.length > 0 ? `Priced by rule ${rules.map((r) => `"${r.key}"`).join(', ')}.` : 'Not priced (used for information or to reset sustainment clocks).'),
      status: PUBLIC,
    };
  });

  return outcomeMetrics;
}

/**
 * outcome_pricings: one per rate-card outcome or weighted component, one per other rule; prices
 * per unit where the rule has one, the rule's caps as the maximum price, every trigger in words.
 */
export function outcomePricings(x: ExportContext): IndigoOutcomePricing[] {
  const { d, currency, pct, words, num, metricId, metricName, metricByKey, partyName, PUBLIC } = x;
  const increases = indexationWords(d, pct);
  const scopeCount = (r: { scope: 'cohort' | 'period'; scopes?: string[] | undefined }) =>
    r.scopes?.length ?? (r.scope === 'cohort' ? d.cohorts.length : d.periods.length);
  const scopeWords = (r: { scope: 'cohort' | 'period'; scopes?: string[] | undefined }) =>
    `each ${r.scope} (${(r.scopes ?? (r.scope === 'cohort' ? d.cohorts : d.periods).map((s) => s.key)).join(', ')})`;
  const commonWords = (r: PricingRule): string => {
    const parts: string[] = [];
    if (r.cap?.total) parts.push(`the rule pays at most ${words(r.cap.total)} in all`);
    if (r.cap?.perScope) parts.push(`at most ${words(r.cap.perScope)} per cohort or period`);
    const payers = r.payers
      ? r.payers.map((s) => `${partyName(s.party)} ${pct(s.share)}`).join(', ')
      : d.payers.map((p) => partyName(p.party)).join(', ');
    parts.push(`paid by ${payers}`);
    return parts.join('; ');
  };
  /** Smallest of the rule's caps and a natural maximum, for maximum_price_if_all_targets_achieved. */
  const ruleMaximum = (r: PricingRule, scopes: number, perScopeNatural?: Decimal): Decimal | undefined => {
    const candidates: Decimal[] = [];
    if (r.cap?.total) candidates.push(dec(r.cap.total));
    let perScope = perScopeNatural;
    if (r.cap?.perScope) perScope = perScope ? minOf(perScope, dec(r.cap.perScope)) : dec(r.cap.perScope);
    if (perScope && scopes > 0) candidates.push(perScope.times(scopes));
    return candidates.length > 0 ? candidates.reduce(minOf) : undefined;
  };
  const pricing = (
    r: PricingRule, metric: string, description: string, unitPrice?: string, maximum?: Decimal,
  ): IndigoOutcomePricing => ({
    outcome_metric_id: { value: metricId(metric)! },
    currency: { value: currency },
    ...(unitPrice && { price_per_unit: { amount: { value: num(unitPrice) } } }),
    ...(maximum && { maximum_price_if_all_targets_achieved: { amount: { value: formatAmount(maximum, currency) } } }),
    contracted_increases_to_outcome_pricing: { value: increases },
    price_description: { value: `${description}; ${commonWords(r)}.` },
    notes: `Rule "${r.key}" (${r.kind})${r.name ? `: ${r.name}` : ''}.`,
    status: PUBLIC,
  });
  const measureWords = (measure: string, metric: string): string =>
    ({
      relative_improvement: `relative improvement of "${metricName(metric)}" over the comparison value`,
      absolute_improvement: `absolute improvement of "${metricName(metric)}" over the comparison value`,
      units_improved: `units of "${metricName(metric)}" improved (improvement x sample size / scale)`,
      value: `value of "${metricName(metric)}"`,
      achievement: `achievement of "${metricName(metric)}" against its target`,
    })[measure] ?? measure;
  const level = (measure: string, v: string) => measureLevel(measure, v, pct);

  const outcomePricings: IndigoOutcomePricing[] = d.pricing.flatMap((r): IndigoOutcomePricing[] => {
    switch (r.kind) {
      case 'rate_card':
        return r.outcomes.map((o) => {
          const parts = [
            `${words(o.price)} per participant achieving "${metricName(o.metric)}"`,
            `claimable ${o.maxClaimsPerParticipant === 1 ? 'once' : `up to ${o.maxClaimsPerParticipant} times`} per participant`,
          ];
          if (o.requires.length > 0) parts.push(`only after ${o.requires.map((k) => `"${metricName(k)}"`).join(' and ')}`);
          if (o.sustainment) {
            parts.push(
              `paid once held for ${o.sustainment.months} months from "${metricName(o.sustainment.clockStart)}"` +
                (o.sustainment.resetBy.length > 0 ? ` without "${o.sustainment.resetBy.map(metricName).join('" or "')}" (which resets the clock)` : ''),
            );
          }
          if (o.cap) parts.push(`at most ${words(o.cap)} for this outcome in all`);
          if (r.participantCap) parts.push(`the rate card pays at most ${words(r.participantCap)} per participant across its outcomes`);
          if (r.cohorts) parts.push(`cohorts ${r.cohorts.join(', ')}`);
          return pricing(r, o.metric, parts.join('; '), o.price, o.cap ? dec(o.cap) : undefined);
        });
      case 'counterfactual_threshold': {
        const m = metricByKey.get(r.metric);
        const parts = [
          `${words(r.pricePerUnit)} per unit improved ("${m?.unit ?? r.metric}" improvement x treatment sample size / ${m?.scale ?? '1'}) ` +
            `for each cohort (${r.cohorts.join(', ')}) at least ${pct(r.cohortThreshold)} better than its comparison group`,
        ];
        if (r.pooled) {
          parts.push(
            `otherwise, once every pooled cohort (${(r.pooled.cohorts ?? r.cohorts).join(', ')}) has a result, a pooled improvement ` +
              `of at least ${pct(r.pooled.threshold)} pays the units improved x the price, less what the rule already paid`,
          );
        }
        return [pricing(r, r.metric, parts.join('; '), r.pricePerUnit, ruleMaximum(r, r.cohorts.length))];
      }
      case 'tiered': {
        const highest = r.tiers.map((t) => dec(t.amount)).reduce(maxOf);
        const description =
          `A fixed amount for ${scopeWords(r)} by ${measureWords(r.measure, r.metric)}: ` +
          r.tiers.map((t) => `at least ${level(r.measure, t.atLeast)} pays ${words(t.amount)}`).join(', ') +
          '; the highest tier reached pays (not the sum)';
        return [pricing(r, r.metric, description, undefined, ruleMaximum(r, scopeCount(r), highest))];
      }
      case 'linear': {
        const description =
          `For ${scopeWords(r)}: nothing while the ${measureWords(r.measure, r.metric)} is below ${level(r.measure, r.floor)}; ` +
          `above it, ${words(r.pricePerUnit)} per ${r.unitSize} of the measure ` +
          (r.paysFrom === 'floor' ? 'above the floor' : 'counted from zero');
        return [pricing(r, r.metric, description, r.pricePerUnit, ruleMaximum(r, scopeCount(r)))];
      }
      case 'volume_banded': {
        let from = 0;
        const bands = r.bands.map((b) => {
          const text = b.upTo === undefined
            ? `${from === 0 ? 'every' : `beyond ${from}:`} ${words(b.price)} each`
            : `outcomes ${from + 1} to ${b.upTo}: ${words(b.price)} each`;
          if (b.upTo !== undefined) from = b.upTo;
          return text;
        });
        const description =
          `Price per "${metricName(r.metric)}" outcome by how many were reached so far, in order of achievement: ${bands.join('; ')}; ` +
          `claimable ${r.maxClaimsPerParticipant === 1 ? 'once' : `up to ${r.maxClaimsPerParticipant} times`} per participant` +
          (r.cohorts ? `; cohorts ${r.cohorts.join(', ')}` : '');
        const single = r.bands.length === 1 ? r.bands[0]!.price : undefined;
        return [pricing(r, r.metric, description, single, ruleMaximum(r, r.cohorts?.length ?? d.cohorts.length))];
      }
      case 'savings_share': {
        const threshold = 'amount' in r.threshold
          ? words(r.threshold.amount)
          : `the total investor commitment plus simple interest at ${pct(r.threshold.principalPlusInterest.annualRate)} a year`;
        const description =
          `For ${scopeWords(r)}: ${pct(r.initialShare)} of the measured savings ("${metricName(r.metric)}") until payments under ` +
          `this rule reach ${threshold}, then ${pct(r.subsequentShare)}`;
        return [pricing(r, r.metric, description, undefined, ruleMaximum(r, scopeCount(r)))];
      }
      case 'weighted_composite': {
        const scopes = scopeCount(r);
        return r.components.map((c) => {
          const others = r.components.filter((o) => o !== c).map((o) => `"${metricName(o.metric)}" ${pct(o.weight)}`);
          const description =
            `Weighted composite for ${scopeWords(r)}: "${metricName(c.metric)}" counts for ${pct(c.weight)} of the weighted achievement, ` +
            `measured against ${c.target ? `a target of ${c.target} ${metricByKey.get(c.metric)?.unit ?? ''}`.trimEnd() : 'the comparison value'}` +
            (c.maxAchievement ? ` (achievement capped at ${pct(c.maxAchievement)})` : '') +
            (others.length > 0 ? `; other components: ${others.join(', ')}` : '') +
            `; the rule pays ${words(r.paymentAtFullAchievement)} at 100% weighted achievement, in proportion to achievement` +
            (r.minimumAchievement ? `, nothing below ${pct(r.minimumAchievement)}` : '') +
            `; this component is worth ${words(dec(r.paymentAtFullAchievement).times(c.weight))} at target`;
          const atTarget = dec(r.paymentAtFullAchievement).times(c.weight).times(scopes);
          const maximum = r.cap?.total ? minOf(atTarget, dec(r.cap.total)) : atTarget;
          return pricing(r, c.metric, description, undefined, maximum);
        });
      }
    }
  });

  return outcomePricings;
}
