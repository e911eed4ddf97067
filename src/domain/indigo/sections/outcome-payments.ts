import { dec } from '../../money/money.ts';
import type { IndigoObligationInput } from '../input.ts';
import type { IndigoOutcomePayment } from '../types.ts';
import { type ExportContext, LEDGER_SOURCE } from './context.ts';

/**
 * outcome_payments: one "Planned" entry per obligation (adjustments keep their sign, so the planned
 * total equals the obligations' total) and one "Actual" entry per settlement.
 */
export function outcomePayments(x: ExportContext): IndigoOutcomePayment[] {
  const { d, input, money, org, metricRef, ruleMetric, scopeRange, periodOf, obligationById, currency, PUBLIC } = x;
  const paymentPeriod = (o: IndigoObligationInput | undefined) => periodOf(scopeRange(o?.scope) ?? d.term);
  const planned = input.obligations.map((o): IndigoOutcomePayment => ({
    ...metricRef(ruleMetric(o.ruleKey)),
    period: paymentPeriod(o),
    payer_organisation_id: org(o.payerParty),
    recipient_organisation_id: org(o.recipientParty),
    type: { value: 'Planned' },
    money: money(o.amount, o.currency),
    status: PUBLIC,
    source_ids: LEDGER_SOURCE,
    notes: `Obligation ${o.id} under rule "${o.ruleKey}" (${o.scope}), due ${o.dueOn}` + (dec(o.amount).isNegative() ? ' (an adjustment reducing earlier obligations)' : '') + '.',
  }));
  const actual = input.settlements.map((s): IndigoOutcomePayment => {
    const o = obligationById.get(s.obligationId);
    return {
      ...metricRef(ruleMetric(o?.ruleKey)),
      period: paymentPeriod(o),
      payer_organisation_id: org(s.payerParty),
      recipient_organisation_id: org(s.recipientParty),
      type: { value: 'Actual' },
      money: money(s.amount, o?.currency ?? currency),
      status: PUBLIC,
      source_ids: LEDGER_SOURCE,
      notes: `Settlement ${s.id} of obligation ${s.obligationId}, paid ${s.settledOn}${s.reference ? `, reference ${s.reference}` : ''}.`,
    };
  });

  return [...planned, ...actual];
}
