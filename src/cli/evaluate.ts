import type { Config } from '../config.ts';
import type { EngineResult } from '../domain/engine/types.ts';
import { call, loadContract } from './load.ts';
import { memoryTarget } from './target.ts';

export interface WhatIfOptions {
  contract: string;
  data: string[];
  asOf?: string | undefined;
  json: boolean;
}

/**
 * `cli evaluate`: a what-if with no server. The definition is registered and approved in an
 * in-memory database, the data uploaded and validated, and the contract evaluated — all through
 * the same API and engine as the service — then the obligations and the explanation are printed.
 */
export async function whatIf(config: Config, options: WhatIfOptions, out: (line: string) => void): Promise<number> {
  const target = await memoryTarget(config);
  try {
    const loaded = await loadContract(target, options.contract, { approve: true, data: options.data, validate: true });
    const payer = loaded.parties.find((p) => p.roles.includes('outcome_payer'))!;
    const run = await call(target, `/v1/contracts/${loaded.contractId}/evaluations`, payer.apiKey, 'POST', options.asOf ? { asOf: options.asOf } : {});
    const evaluation = run.evaluation;
    if (options.json) {
      out(JSON.stringify(evaluation, null, 2));
      return 0;
    }
    const result = evaluation.explanation as EngineResult;
    out(`${loaded.reference}: evaluation as of ${evaluation.asOf} (${loaded.definition.currency}, engine ${evaluation.engineVersion})`);
    for (const upload of loaded.uploads) out(`  data: ${upload.file}: ${upload.rows} ${upload.kind}, ${upload.validated} validated`);
    out(`  data digest ${evaluation.dataDigest}`);
    out('');
    for (const rule of result.rules) {
      out(`rule ${rule.ruleKey} (${rule.kind}): gross ${rule.gross}, net ${rule.net}`);
      for (const note of (rule as { notes?: string[] }).notes ?? []) out(`  note: ${note}`);
      for (const scope of rule.scopes) {
        out(`  ${scope.scope}: gross ${scope.gross} -> net ${scope.net}${scope.priceApplied ? ` (price ${scope.priceApplied})` : ''}`);
        for (const test of scope.tests) out(`    - ${test}`);
        for (const cap of scope.capEffects) out(`    cap ${cap.cap}: limit ${cap.limit}, cut ${cap.cut}`);
        for (const p of (scope.participants ?? []).slice(0, 20)) {
          out(`    participant ${p.participantRef}: gross ${p.gross}, net ${p.net}${p.capEffects.map((c) => `; ${c.cap} cut ${c.cut}`).join('')}`);
          for (const claim of p.claims.filter((x) => x.reason)) out(`      ${claim.metric} ${claim.achievedOn}: ${claim.reason}`);
        }
      }
    }
    for (const cap of result.contractCapEffects) out(`contract cap ${cap.cap}: limit ${cap.limit}, cut ${cap.cut}`);
    out('');
    out(`obligations (${evaluation.obligations.length}):`);
    for (const o of evaluation.obligations) {
      out(`  ${o.payer.party} -> ${o.recipient.party}: ${o.amount} ${o.currency} due ${o.dueOn} [${o.lineKey}, ${o.kind}]`);
    }
    out(`total ${result.totals.newObligations} ${loaded.definition.currency}`);
    return 0;
  } finally {
    await target.close();
  }
}
