import { dec } from '../../money/money.ts';
import type { IndigoProject, InvestorRepayment } from '../types.ts';
import type { ExportContext } from './context.ts';

/**
 * overall_project_finance. Guarantees are not upfront capital: left out of the total investment
 * commitment. Return caps: all IRR → type "IRR" and "15%"; a money multiple has no code in the
 * standard's list (type left out, the total return in words). investor_repayment only once the
 * contract is closed, as the standard asks.
 */
export function overallProjectFinance(x: ExportContext): IndigoProject['overall_project_finance'] {
  const { d, input, PUBLIC, currency } = x;
  const capitalInvestors = d.investors.filter((inv) => inv.seniority !== 'guarantee');
  const totalCommitment = x.total(capitalInvestors.map((inv) => inv.commitment));
  const maximumOutcomePayment = d.maximumOutcomePayment ? dec(d.maximumOutcomePayment) : x.total(d.payers.map((p) => p.maximumCommitment));
  const totalSettled = x.total(input.settlements.map((s) => s.amount));

  const capDescriptions = capitalInvestors
    .filter((inv) => inv.seniority !== 'grant' && inv.returnCap)
    .map((inv) => ({
      kind: inv.returnCap!.kind,
      text: inv.returnCap!.kind === 'irr' ? x.pct(inv.returnCap!.annualRate) : `money multiple ${inv.returnCap!.multiple}x`,
      name: x.partyName(inv.party),
    }));
  const distinctCaps = [...new Set(capDescriptions.map((c) => c.text))];
  const allIrr = capDescriptions.length > 0 && capDescriptions.every((c) => c.kind === 'irr');
  const returnText = distinctCaps.length === 1 ? (allIrr ? distinctCaps[0]! : `${distinctCaps[0]!} (total, not annualised)`)
    : capDescriptions.map((c) => `${c.kind === 'irr' ? `IRR ${c.text}` : c.text} (${c.name})`).join('; ');

  const repayments = x.terminated
    ? d.investors
      .filter((inv) => inv.seniority === 'senior' || inv.seniority === 'subordinate')
      .map((inv) => ({ name: x.partyName(inv.party), value: x.repayment(inv.party) }))
      .filter((r): r is { name: string; value: InvestorRepayment } => r.value !== undefined)
    : [];
  const distinctRepayments = [...new Set(repayments.map((r) => r.value))];
  const payerNames = d.payers.map((p) => x.partyName(p.party)).join(' and ');
  const recipient = x.paymentRecipient;
  const recipientRoles = recipient ? (x.partyByKey.get(recipient)?.roles ?? []).join(', ') : '';

  return {
    total_investment_commitment: {
      currency: { value: currency, status: PUBLIC },
      amount: { exact: { value: x.num(totalCommitment), status: PUBLIC } },
    },
    maximum_potential_outcome_payment_v2: x.moneyVS(maximumOutcomePayment),
    ...(allIrr && { maximum_potential_return_type: { value: 'IRR', status: PUBLIC } }),
    ...(capDescriptions.length > 0 && { maximum_potential_return: { value: returnText, status: PUBLIC } }),
    ...(recipient && {
      configuration_contracting_parties: {
        value: `Outcome payments are made by ${payerNames} to ${x.partyName(recipient)} (role: ${recipientRoles}), the holder of the outcomes contract.`,
        status: PUBLIC,
      },
    }),
    ...(distinctRepayments.length > 0 && {
      investor_repayment: {
        value: distinctRepayments.length === 1 ? distinctRepayments[0]! : repayments.map((r) => `${r.name}: ${r.value}`).join('; '),
        status: PUBLIC,
      },
    }),
    total_outcome_payments_made: x.moneyVS(totalSettled),
    notes:
      (d.maximumOutcomePayment
        ? 'Maximum potential outcome payment: the contract cap (maximumOutcomePayment).'
        : 'Maximum potential outcome payment: the sum of the outcome payers\' maximum commitments (the contract sets no separate cap).') +
      ' Total investment commitment: capital committed by investors (lenders and grant-makers); guarantees are not included.' +
      ' Total outcome payments made: the sum of recorded settlements.' +
      (capDescriptions.length > 0 ? ' Maximum potential return: the investors\' return caps.' : ''),
  };
}

/** investment_details: capital drawn from investors (drawdowns) up to the export date; guarantee payouts are not investment. */
export function investmentDetails(x: ExportContext): IndigoProject['investment_details'] {
  const totalDrawn = x.total(x.input.drawdowns.filter((dd) => x.isCapital(dd.investorParty)).map((dd) => dd.amount));
  return {
    total_funds_invested: { latest: { ...x.moneyVS(totalDrawn), date: { value: x.asOf, status: x.PUBLIC } } },
    notes: 'Total funds invested: capital drawn from investors (drawdowns recorded in Outcome Ledger) up to the date given; guarantee payouts are not included.',
  };
}
