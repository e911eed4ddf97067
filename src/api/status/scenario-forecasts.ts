import type { ContractDefinition } from '../../domain/contract/definition.ts';
import { evaluate, scenarioData } from '../../domain/engine/index.ts';

/**
 * What the contract would pay in all under each of its scenarios, as of the end of its term. It
 * depends on the terms alone, so it is computed once per version (by content hash) and kept.
 */
const cache = new Map<string, { key: string; name: string; total: string }[]>();

export function scenarioTotals(contentHash: string, definition: ContractDefinition) {
  let totals = cache.get(contentHash);
  if (!totals) {
    totals = definition.scenarios.map((s) => {
      const asOf = definition.term.end;
      const data = scenarioData(definition, s.key, asOf);
      const result = evaluate({ definition, asOf, ...data, priorObligations: [], drawdowns: [], participantDetail: 'none' });
      return { key: s.key, name: s.name, total: result.totals.entitled };
    });
    if (cache.size > 10_000) cache.clear();
    cache.set(contentHash, totals);
  }
  return totals;
}
