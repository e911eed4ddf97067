import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { call, loadContract } from './load.ts';
import type { Target } from './target.ts';

/**
 * `cli demo`: every example in contracts/ with its sample data (contracts/data/<name>.*.csv):
 * parties created, contract registered and approved, data uploaded and validated, an evaluation
 * run. Prints, per contract, the keys to look around with.
 */
export async function demo(target: Target, directory: string, out: (line: string) => void): Promise<void> {
  const files = readdirSync(directory).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const name = basename(file, '.json');
    const data = ['claims', 'results'].map((kind) => join(directory, 'data', `${name}.${kind}.csv`)).filter((f) => existsSync(f));
    const loaded = await loadContract(target, join(directory, file), { approve: true, data, validate: true });
    const payer = loaded.parties.find((p) => p.roles.includes('outcome_payer'))!;
    const investor = loaded.parties.find((p) => p.roles.includes('investor'))!;
    const run = await call(target, `/v1/contracts/${loaded.contractId}/evaluations`, payer.apiKey, 'POST', {});
    const totals = run.evaluation.totals;
    out(`${loaded.reference}`);
    out(`  contract ${loaded.contractId}: ${loaded.uploads.map((u) => `${u.rows} ${u.kind}`).join(', ')}; owed ${totals.newObligations} ${loaded.definition.currency}`);
    out(`  payer    ${payer.partyKey}: key ${payer.apiKey}`);
    out(`  investor ${investor.partyKey}: key ${investor.apiKey}`);
  }
}
