import { dec } from '../../money/money.ts';
import { minDate } from '../../time/dates.ts';
import type { IndigoInvestment, IndigoProject } from '../types.ts';
import type { ExportContext } from './context.ts';

/** service_provisions: one per operator, for the service period; alterations are the amendments in force and the closure. */
export function serviceProvisions(x: ExportContext): IndigoProject['service_provisions'] {
  const { d, alteration, terminatedOn, PUBLIC } = x;
  return x.withRole('operator').map((p, i) => ({
    id: `serviceprovision${i + 1}`,
    organisation_id: x.org(p.key),
    intervention: { value: d.title },
    planned_service: { start_date: { value: x.serviceStart }, end_date: { value: x.serviceEnd } },
    ...(terminatedOn && { actual_service: { end_date: { value: minDate(terminatedOn, x.serviceEnd) } } }),
    ...(alteration && {
      alterations: {
        description: { value: alteration.description },
        ...(alteration.reason && { reason: { value: alteration.reason } }),
      },
    }),
    notes: `${p.name} (party "${p.key}", operator).`,
    status: PUBLIC,
  }));
}

/** outcome_payment_commitments: one per outcome payer: its maximum commitment, its share of each rule, what it has paid. */
export function outcomePaymentCommitments(x: ExportContext): IndigoProject['outcome_payment_commitments'] {
  const { d, input, alteration, currency, PUBLIC } = x;
  const ruleShares = (party: string): string[] =>
    d.pricing.flatMap((r) => {
      if (!r.payers) return d.payers.length === 1 ? [`all of rule "${r.key}"`] : [];
      const share = r.payers.find((s) => s.party === party);
      return share ? [`${x.pct(share.share)} of rule "${r.key}"`] : [];
    });
  return d.payers.map((p) => ({
    organisation_id: x.org(p.party),
    maximum_potential_outcome_payment: { currency: { value: currency, status: PUBLIC }, amount: { value: x.num(p.maximumCommitment) } },
    period: x.periodOf(d.term),
    total_outcome_payments: {
      currency: { value: currency, status: PUBLIC },
      amount: { value: x.num(x.total(input.settlements.filter((s) => s.payerParty === p.party).map((s) => s.amount))) },
    },
    ...(alteration && {
      alterations: {
        description: { value: alteration.description, status: PUBLIC },
        ...(alteration.reason && { reason: { value: alteration.reason, status: PUBLIC } }),
      },
    }),
    notes:
      `${x.partyName(p.party)} (party "${p.party}"). Maximum commitment ${x.words(p.maximumCommitment)}; pays ${ruleShares(p.party).join(', ') || 'no rule share'}. ` +
      'Total outcome payments: settlements recorded from this payer.',
    status: PUBLIC,
  }));
}

/**
 * investments: one per investor. Senior and subordinate lenders are "Debt"; the codelist has no
 * value for grants or guarantees (left out, the notes say what they are). IRR caps in percent; a
 * money multiple as the total return in percent, (multiple − 1) × 100, type left out.
 */
export function investments(x: ExportContext): IndigoInvestment[] {
  const { d, currency, PUBLIC } = x;
  return d.investors.map((inv, i) => {
    const cap = inv.returnCap;
    const kindWords = {
      senior: 'Senior debt: repaid before subordinate lenders.',
      subordinate: 'Subordinate debt: repaid after senior lenders.',
      grant: 'Grant: not repaid (the standard\'s investment_type codelist has no grant value, so it is left out).',
      guarantee:
        'Guarantee: pays out only on a shortfall; not upfront capital, so it is not counted in the total investment commitment (the standard\'s investment_type codelist has no guarantee value, so it is left out).',
    }[inv.seniority];
    const tranches = inv.tranches.map((t) => `${t.key} ${x.words(t.amount)} planned ${t.plannedDate}`).join('; ');
    const repaid = x.terminated && (inv.seniority === 'senior' || inv.seniority === 'subordinate') ? x.repayment(inv.party) : undefined;
    return {
      id: `investment${i + 1}`,
      organisation_id: x.org(inv.party),
      investment_commitment: { currency: { value: currency }, amount: { exact: { value: x.num(inv.commitment) } } },
      ...(cap?.kind === 'irr' && {
        maximum_potential_return_type: { value: 'IRR' as const },
        maximum_potential_return: { value: x.num(dec(cap.annualRate).times(100)) },
      }),
      ...(cap?.kind === 'multiple' && { maximum_potential_return: { value: x.num(dec(cap.multiple).minus(1).times(100)) } }),
      ...(repaid && { investor_repayment: { value: repaid } }),
      ...((inv.seniority === 'senior' || inv.seniority === 'subordinate') && { investment_type: { value: 'Debt' as const } }),
      notes:
        `${x.partyName(inv.party)} (party "${inv.party}"). ${kindWords}` +
        (cap?.kind === 'irr' ? ` Return capped at an IRR of ${x.pct(cap.annualRate)} a year.` : '') +
        (cap?.kind === 'multiple'
          ? ` Return capped at a money multiple of ${cap.multiple}x (maximum_potential_return is the total return in percent, not annualised; the standard's return types have no money multiple).`
          : '') +
        (tranches ? ` Planned tranches: ${tranches}.` : ''),
      status: PUBLIC,
    };
  });
}

/** intermediary_services: one per intermediary, role "Other" with what it does in words. */
export function intermediaryServices(x: ExportContext): IndigoProject['intermediary_services'] {
  return x.withRole('intermediary').map((p) => ({
    organisation_id: x.org(p.key),
    organisation_role_category: { value: 'Other' },
    other_role_description: {
      value: p.key === x.paymentRecipient ? 'Holds the outcomes contract and receives the outcome payments' : 'Intermediary',
    },
    notes: `${p.name} (party "${p.key}").`,
    status: x.PUBLIC,
  }));
}
