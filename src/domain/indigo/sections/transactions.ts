import type { Decimal } from 'decimal.js';
import { ZERO, dec } from '../../money/money.ts';
import type { IndigoDistributionInput } from '../input.ts';
import type { IndigoTransaction, TransactionType } from '../types.ts';
import { type ExportContext, LEDGER_SOURCE, maxOf, minOf } from './context.ts';

/**
 * transactions, by date: drawdowns → "Debt" (senior/subordinate), "Grant" (grant), "Other"
 * (guarantee payout); settlements → "Outcome Payment"; distributions to investors → "Capital
 * Repayment", "Interest Payment" or "Capital Repayment and Interest", split into capital and return
 * the way the capital stack does (what an investor receives counts as capital until the capital it
 * has drawn so far is repaid); surplus to the operator (bonus) or back to the payer → "Other". Zero
 * distribution lines (grants and guarantees in the capital stack) move no money and are left out.
 */
export function transactions(x: ExportContext): IndigoTransaction[] {
  const {
    input, money, words, org, metricRef, ruleMetric, investorTerms, investorIndex, capitalRecipient, paymentRecipient,
    obligationById, settlementById, drawnBy, investorDistributions, isCapital, PUBLIC,
  } = x;
  const drawdownTransactions = input.drawdowns.map((dd): IndigoTransaction => {
    const inv = investorTerms.get(dd.investorParty);
    const type: TransactionType = inv?.seniority === 'grant' ? 'Grant'
      : inv?.seniority === 'senior' || inv?.seniority === 'subordinate' ? 'Debt' : 'Other';
    const i = investorIndex.get(dd.investorParty);
    return {
      ...(i !== undefined && { investment_id: { value: `investment${i + 1}` } }),
      date: { value: dd.drawnOn },
      sending_organisation_id: org(dd.investorParty),
      ...(capitalRecipient && { receiving_organisation_id: org(capitalRecipient) }),
      transaction_type: { value: type },
      money: money(dd.amount),
      source_ids: LEDGER_SOURCE,
      notes: `Drawdown ${dd.id}${dd.tranche ? ` (tranche ${dd.tranche})` : ''}` +
        (inv?.seniority === 'guarantee' ? ': guarantee payout' : '') + '.',
      status: PUBLIC,
    };
  });

  const settlementTransactions = input.settlements.map((s): IndigoTransaction => {
    const obligation = obligationById.get(s.obligationId);
    return {
      ...metricRef(ruleMetric(obligation?.ruleKey)),
      date: { value: s.settledOn },
      sending_organisation_id: org(s.payerParty),
      receiving_organisation_id: org(s.recipientParty),
      transaction_type: { value: 'Outcome Payment' },
      money: money(s.amount),
      source_ids: LEDGER_SOURCE,
      notes: `Settlement ${s.id} of obligation ${s.obligationId}` +
        (obligation ? ` (rule "${obligation.ruleKey}", ${obligation.scope})` : '') + (s.reference ? `, reference ${s.reference}` : '') + '.',
      status: PUBLIC,
    };
  });

  // Capital first, then return: what an investor receives counts as capital until the capital it
  // has drawn so far (drawdowns up to the distribution date) is repaid, as in the capital stack.
  const received = new Map<string, Decimal>();
  const split = new Map<string, { capital: Decimal; interest: Decimal }>();
  const byDate = [...investorDistributions].map((x, i) => ({ x, i })).sort((a, b) => a.x.date.localeCompare(b.x.date) || a.i - b.i);
  for (const { x } of byDate) {
    const before = received.get(x.recipientParty) ?? ZERO;
    const outstanding = maxOf(ZERO, drawnBy(x.recipientParty, x.date).minus(before));
    const amount = dec(x.amount);
    const capital = minOf(amount, outstanding);
    split.set(x.id, { capital, interest: amount.minus(capital) });
    received.set(x.recipientParty, before.plus(amount));
  }
  // Zero lines (grants and guarantees get a 0 line in the capital stack) move no money: left out.
  const distributionTransactions = input.distributions.filter((x) => !dec(x.amount).isZero()).map((x: IndigoDistributionInput): IndigoTransaction => {
    const settlement = settlementById.get(x.settlementId);
    const sender = settlement?.recipientParty ?? paymentRecipient;
    if (!sender) throw new Error(`INDIGO export: distribution ${x.id} has no settlement and the contract no payment recipient`);
    let type: TransactionType = 'Other';
    let what: string;
    const parts = split.get(x.id);
    if (x.role === 'investor' && parts && isCapital(x.recipientParty) && investorTerms.get(x.recipientParty)?.seniority !== 'grant') {
      type = parts.interest.isZero() ? 'Capital Repayment' : parts.capital.lte(0) ? 'Interest Payment' : 'Capital Repayment and Interest';
      what = `repayment to an investor: capital ${words(parts.capital)}, return ${words(parts.interest)}`;
    } else if (x.role === 'operator') {
      what = 'performance bonus to the operator (outcome payment above the investors\' return caps)';
    } else if (x.role === 'outcome_payer') {
      what = 'surplus returned to the outcome payer (above the investors\' return caps)';
    } else {
      what = 'payment to an investor that is not repaid under the capital stack';
    }
    const i = x.role === 'investor' ? investorIndex.get(x.recipientParty) : undefined;
    return {
      ...(i !== undefined && { investment_id: { value: `investment${i + 1}` } }),
      date: { value: x.date },
      sending_organisation_id: org(sender),
      receiving_organisation_id: org(x.recipientParty),
      transaction_type: { value: type },
      money: money(x.amount),
      source_ids: LEDGER_SOURCE,
      notes: `Distribution ${x.id} of settlement ${x.settlementId}: ${what}.`,
      status: PUBLIC,
    };
  });

  return [...drawdownTransactions, ...settlementTransactions, ...distributionTransactions]
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.date.value.localeCompare(b.t.date.value) || a.i - b.i)
    .map(({ t }) => t);
}
