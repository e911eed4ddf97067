import { z } from '@hono/zod-openapi';

const Amount = z.string().openapi({ description: 'Decimal string in the contract currency' });

const ObligationTotals = z.object({
  triggered: Amount.openapi({ description: 'Sum of the payment obligations triggered (positive amounts)' }),
  credits: Amount.openapi({ description: 'Sum of the downward adjustments (credits), as a positive amount' }),
  settled: Amount,
  outstanding: Amount.openapi({ description: 'triggered − settled − credits; negative when more was paid than is owed (see owedBack)' }),
  owedBack: Amount.openapi({ description: 'What the recipient owes back to the payer: credits on lines already paid, not yet offset against later obligations' }),
  overdue: Amount,
});

const Projection = z.object({
  scenario: z.string(),
  name: z.string(),
  contractTotal: Amount.openapi({ description: 'What the contract would pay in all under the scenario' }),
  projectedRepayment: Amount.openapi({ description: 'What this investor would have received in all' }),
  multiple: z.string().nullable(),
  irr: z.string().nullable(),
});

export const InvestorStatus = z
  .object({
    party: z.string(),
    seniority: z.string(),
    returnCap: z.string(),
    committed: Amount,
    drawn: Amount,
    repaidToDate: Amount,
    moneyMultiple: z.string().nullable().openapi({ description: 'Received ÷ drawn (20 significant digits)' }),
    irrToDate: z.string().nullable().openapi({ description: 'XIRR over the dated drawdowns (out) and repayments (in); null until there is a return flow' }),
    returnCapHeadroom: Amount.nullable().openapi({ description: 'What the investor may still receive today under its cap' }),
    projected: z.array(Projection),
  })
  .openapi('InvestorStatus');

export const ContractStatusSchema = z
  .object({
    contract: z.object({
      id: z.uuid(), reference: z.string(), title: z.string(), status: z.string(), currency: z.string(), contractVersion: z.number().int().nullable(),
    }),
    today: z.string(),
    capital: z.object({ committed: Amount, drawn: Amount }),
    obligations: ObligationTotals.extend({
      byPayer: z.array(ObligationTotals.extend({ payer: z.string() })),
      accounts: z.array(ObligationTotals.extend({ payer: z.string(), recipient: z.string() }))
        .openapi({ description: 'Per payer and recipient party: credits offset later obligations of the same account' }),
    }),
    caps: z.array(z.object({ cap: z.string(), scope: z.string(), limit: Amount, used: Amount, headroom: Amount })),
    investors: z.array(InvestorStatus).openapi({ description: 'Investors see their own line; payers and intermediaries see all; other roles none' }),
    outcomes: z.array(z.object({
      metric: z.string(), name: z.string(), level: z.string(), unit: z.string(),
      target: z.string().nullable().optional().openapi({ description: 'Target set by the terms (composite components), if any' }),
      byScope: z.array(z.record(z.string(), z.unknown())).openapi({
        description: 'Per cohort or period: achieved (validated claims, or the latest result\'s treatment value), comparison, participants, ' +
          'each scenario\'s expected value; for a cohort priced by a counterfactual threshold rule also threshold (the relative improvement ' +
          'required), improvement (achieved on the comparison, in the metric\'s better direction), thresholdLevel (the treatment value ' +
          'that reaches it) and reachesThreshold',
      }),
    })),
    latestEvaluation: z.object({ id: z.uuid(), asOf: z.string(), totals: z.record(z.string(), z.string()) }).nullable(),
    nextEvaluation: z.iso.datetime().nullable(),
  })
  .openapi('ContractStatus');

const PerCurrency = z.record(z.string(), z.record(z.string(), z.string()));

export const PortfolioSchema = z
  .object({
    contracts: z.array(z.object({
      id: z.uuid(), reference: z.string(), title: z.string(), status: z.string(), currency: z.string(),
      investments: z.array(InvestorStatus.omit({ projected: true })),
    })),
    totals: PerCurrency.openapi({ description: 'Per currency: committed, drawn, repaidToDate (amounts are never added across currencies)' }),
  })
  .openapi('Portfolio');

export const LiabilitiesSchema = z
  .object({
    contracts: z.array(z.object({
      id: z.uuid(), reference: z.string(), title: z.string(), status: z.string(), currency: z.string(), payer: z.string(),
      triggered: Amount, credits: Amount, settled: Amount, outstanding: Amount, owedBack: Amount, overdue: Amount,
      maximumCommitment: Amount, maximumRemainingExposure: Amount.openapi({ description: 'Commitment less everything triggered so far, net of credits' }),
    })),
    totals: PerCurrency,
  })
  .openapi('Liabilities');
