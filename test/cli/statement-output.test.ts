import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { jsonByDetail, runWhatIf, textByDetail } from '../../src/cli/evaluate.ts';
import { newObligationStatements, printStatement } from '../../src/cli/statement-output.ts';
import { loadConfig } from '../../src/config.ts';
import { statementOfEvaluation } from '../../src/domain/engine/statement.ts';
import { storedExplanation } from '../../src/jobs/stored-explanation.ts';
import { claim, define, participantMetric, run } from '../domain/engine/helpers.ts';

describe('cli: payment statements of a what-if', () => {
  const definition = define({
    metrics: [participantMetric('job'), participantMetric('sustained')],
    pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '2600' }, { metric: 'sustained', price: '1000', requires: ['job'] }], participantCap: '3000' }],
  });
  const result = run(definition, { claims: [claim('P1', 'job', '2020-02-01'), claim('P2', 'job', '2020-03-01'), claim('P1', 'sustained', '2020-09-01')] });

  it('prints a table per new obligation, ending at its amount', () => {
    const lines: string[] = [];
    printStatement(statementOfEvaluation(result).map((s) => ({ ...s, obligationId: 'ob-1' })), (l) => lines.push(l));
    expect(lines).toEqual([
      'payment statements (1):',
      '  card:cohort_1:payer: 5600.00 GBP',
      '                                           quantity  unit price  amount    total',
      '    job (claims)                                  2        2600    5200     5200',
      '    sustained (claims)                            1        1000    1000     6200',
      '      participantCap (limit 3000)                                  -600     5600',
      '    rounded half-even to 2 decimals (GBP)                             0  5600.00',
      '    previously obligated on this line                              0.00  5600.00',
      '',
    ]);
  });

  it('prints nothing when the evaluation created no obligation', () => {
    const lines: string[] = [];
    printStatement(statementOfEvaluation(result).map((s) => ({ ...s, obligationId: null })), (l) => lines.push(l));
    expect(lines).toEqual([]);
  });

  it('takes the statements of the new obligations from the evaluation as the API answers it', () => {
    const { obligations, ...explanation } = storedExplanation(result);
    const statements = newObligationStatements({ explanation, obligations: obligations.map((o) => ({ ...o, id: 'ob-1' })) });
    expect(statements.map((s) => [s.lineKey, s.obligationId, s.amount])).toEqual([['card:cohort_1:payer', 'ob-1', '5600.00']]);
    expect(newObligationStatements({ explanation, obligations: [] })).toEqual([]);
  });
});

describe('cli evaluate: the what-if prints the statement of each new obligation', () => {
  it('in text (a table per obligation, at every detail level) and in JSON (statements adding up to the obligations)', async () => {
    const run = await runWhatIf(loadConfig({}), {
      contract: 'contracts/peterborough.json', data: ['contracts/data/peterborough.results.csv'], asOf: '2017-06-30', json: false,
    });
    const { obligations } = run.evaluation;
    expect(obligations.length).toBe(2); // the pooled payment, split between the Ministry of Justice and the Big Lottery Fund
    for (const detail of ['summary', 'scopes', 'participants'] as const) {
      const text = [...textByDetail[detail](run)];
      const at = text.indexOf(`payment statements (${obligations.length}):`);
      expect(at, detail).toBeGreaterThan(0);
      for (const o of obligations) expect(text, detail).toContain(`  ${o.lineKey}: ${o.amount} ${o.currency}`);
      expect(text.filter((l) => /shares of the other payers/.test(l))).toHaveLength(2);
      expect(text.at(-1)).toMatch(/^total [\d.]+ GBP$/);
      const json = JSON.parse(JSON.stringify(jsonByDetail[detail](run)));
      expect(json.statements.map((s: { lineKey: string; amount: string; obligationId: string }) => [s.lineKey, s.amount, s.obligationId]))
        .toEqual(obligations.map((o) => [o.lineKey, o.amount, (o as unknown as { id: string }).id]));
      for (const s of json.statements) {
        const total = s.steps.reduce((t: Decimal, step: { amount: string }) => t.plus(step.amount), new Decimal(s.itemsNet));
        expect(total.eq(s.amount)).toBe(true);
      }
    }
  }, 60_000);
});
