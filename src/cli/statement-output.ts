import { statementRows, type LineStatement } from '../domain/engine/statement.ts';

/**
 * The what-if's payment statements: for each new obligation, a table of what it pays for — the
 * scope's items (quantity, unit price, amount before caps), each cap's cut, the rule caps, the
 * other payers' shares, the caps across lines, rounding and what was obligated before — whose
 * amounts add up to the obligation (the last running total).
 */

export type StatementLine = LineStatement & { obligationId: string | null };

/** The statements of the lines on which the evaluation created an obligation. */
export const newObligationStatements = (lines: readonly StatementLine[]): StatementLine[] => lines.filter((l) => l.obligationId !== null);

const describeRow = (r: ReturnType<typeof statementRows>[number]): string => {
  switch (r.kind) {
    case 'item': return `${r.item}${r.unit ? ` (${r.unit})` : ''}`;
    case 'item_cap': return `  ${r.label}${r.limit ? ` (limit ${r.limit})` : ''}`;
    default: return `${r.label}${r.limit ? ` (limit ${r.limit})` : ''}`;
  }
};

/** Prints one table per new obligation; nothing when the evaluation created none. */
export function printStatement(lines: readonly StatementLine[], out: (line: string) => void): void {
  const statements = newObligationStatements(lines);
  if (statements.length === 0) return;
  out(`payment statements (${statements.length}):`);
  for (const s of statements) {
    out('');
    out(`${s.lineKey}: ${s.amount} ${s.currency}${s.notes.length ? ` (${s.notes.join('; ')})` : ''}`);
    const table = [
      ['', 'quantity', 'unit price', 'amount', 'total'],
      ...statementRows(s).map((r) => [describeRow(r), r.quantity, r.unitPrice, r.amount, r.total]),
    ];
    const widths = table[0]!.map((_, k) => Math.max(...table.map((row) => row[k]!.length)));
    for (const row of table) {
      out(`  ${row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ').trimEnd()}`);
    }
  }
}
