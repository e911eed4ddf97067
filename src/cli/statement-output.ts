import { statementOfEvaluation, statementRows, type LineStatement, type StatementSource } from '../domain/engine/statement.ts';

/**
 * The what-if's payment statements: for each new obligation, a table of what it pays for — the
 * scope's items (quantity, unit price, amount before caps), each cap's cut, the rule caps, the
 * other payers' shares, the caps across lines, rounding and what was obligated before — whose
 * amounts add up to the obligation (the last running total). The same statements as
 * `GET …/evaluations/{evaluationId}/statement`, from the same explanation.
 */

export type StatementLine = LineStatement & { obligationId: string | null };

/** The statements of the lines on which the evaluation (as the API answers it) created an obligation. */
export function newObligationStatements(evaluation: {
  explanation: StatementSource;
  obligations: readonly { lineKey: string; id?: unknown }[];
}): StatementLine[] {
  const created = new Map(evaluation.obligations.map((o) => [o.lineKey, typeof o.id === 'string' ? o.id : '']));
  return statementOfEvaluation(evaluation.explanation)
    .filter((s) => created.has(s.lineKey))
    .map((s) => ({ ...s, obligationId: created.get(s.lineKey)! }));
}

const describeRow = (r: ReturnType<typeof statementRows>[number]): string => {
  const limit = r.limit ? ` (limit ${r.limit})` : '';
  switch (r.kind) {
    case 'item': return `${r.item}${r.unit ? ` (${r.unit})` : ''}`;
    case 'item_cap': return `  ${r.label}${limit}`;
    default: return `${r.label}${limit}`;
  }
};

/** One table per statement (lines without an obligation are skipped); nothing when there is none. */
export function* statementText(lines: readonly StatementLine[]): Generator<string> {
  const statements = lines.filter((l) => l.obligationId !== null);
  if (statements.length === 0) return;
  yield `payment statements (${statements.length}):`;
  for (const s of statements) {
    yield `  ${s.lineKey}: ${s.amount} ${s.currency}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}`;
    const table = [
      ['', 'quantity', 'unit price', 'amount', 'total'],
      ...statementRows(s).map((r) => [describeRow(r), r.quantity, r.unitPrice, r.amount, r.total]),
    ];
    const widths = table[0]!.map((_, k) => Math.max(...table.map((row) => row[k]!.length)));
    for (const row of table) yield `    ${row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ').trimEnd()}`;
  }
  yield '';
}

/** Prints statementText line by line. */
export function printStatement(lines: readonly StatementLine[], out: (line: string) => void): void {
  for (const line of statementText(lines)) out(line);
}
