import { describe, expect, it } from 'vitest';
import { printStatement } from '../../src/cli/statement-output.ts';
import { statementOfEvaluation } from '../../src/domain/engine/statement.ts';
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
    expect(lines[0]).toBe('payment statements (1):');
    expect(lines).toContain('card:cohort_1:payer: 5600.00 GBP');
    const table = lines.slice(lines.indexOf('card:cohort_1:payer: 5600.00 GBP') + 1);
    expect(table[0]).toMatch(/^ +quantity +unit price +amount +total$/);
    expect(table.find((l) => l.trimStart().startsWith('job (claims)'))).toMatch(/ 2 +2600 +5200 +5200$/);
    expect(table.find((l) => l.includes('participantCap'))).toMatch(/participantCap \(limit 3000\) +-600 +5600$/);
    expect(table.at(-1)).toMatch(/^ +previously obligated on this line +0\.00 +5600\.00$/);
  });

  it('prints nothing when the evaluation created no obligation', () => {
    const lines: string[] = [];
    printStatement(statementOfEvaluation(result).map((s) => ({ ...s, obligationId: null })), (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});
