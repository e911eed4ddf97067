// Engine only, on the bench's claims (tool, not part of npm run bench): tsx bench/eval-engine.ts [rows]
import { randomUUID } from 'node:crypto';
import { evaluate } from '../src/domain/engine/index.ts';
import type { ParticipantClaim } from '../src/domain/measurement/types.ts';
import { STORED_PARTICIPANTS_PER_SCOPE, storedExplanation } from '../src/jobs/stored-explanation.ts';
import { claimLine } from './lib/claims-csv.ts';
import { benchDefinition } from './lib/fixtures.ts';
import { validateDefinition } from '../src/domain/contract/validate.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const participants = Math.floor(rows / 10);
const claims: ParticipantClaim[] = [];
for (let i = 0; i < rows; i++) {
  const [ref, metric, cohort, achievedOn] = claimLine(i, participants).split(',') as [string, string, string, string];
  claims.push({ id: `${randomUUID()}`, participantRef: `${ref}`, metric: `${metric}`, cohort: `${cohort}`, achievedOn: `${achievedOn}`, heldFrom: null, quantity: '1' });
}
claims.sort((a, b) => (a.id < b.id ? -1 : 1));
const v = validateDefinition(benchDefinition('X'));
if (!v.ok) throw new Error('bad definition');
const definition = v.definition;
for (let k = 0; k < Number(process.env.REPEAT ?? 3); k++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const r = evaluate({ definition, asOf: '2025-12-31', claims, results: [], priorObligations: [], drawdowns: [], detailLimit: STORED_PARTICIPANTS_PER_SCOPE });
  const engine = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const s = JSON.stringify(storedExplanation(r));
  console.log(`${rows}: engine ${Math.round(engine)} ms wall, ${Math.round(cpuMs)} ms cpu, ${(engine * 1000 / rows).toFixed(2)} µs/claim, total ${r.totals.entitled}, explanation ${s.length} bytes, ${JSON.stringify(r).length}`);
}
