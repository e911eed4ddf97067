import type { EngineResult } from '../domain/engine/types.ts';

/**
 * Participants and record ids listed per scope in a stored explanation; the rest are counted.
 * Everything an evaluation considered stays reproducible from its ledger sequence number.
 */
export const STORED_PARTICIPANTS_PER_SCOPE = 1000;

export function storedExplanation(result: EngineResult): EngineResult {
  return {
    ...result,
    rules: result.rules.map((rule) => ({
      ...rule,
      scopes: rule.scopes.map((scope) => {
        const inputs: Record<string, string | number | string[]> = {};
        for (const [key, value] of Object.entries(scope.inputs)) {
          if (Array.isArray(value) && value.length > STORED_PARTICIPANTS_PER_SCOPE) {
            inputs[key] = value.slice(0, STORED_PARTICIPANTS_PER_SCOPE);
            inputs[`${key}NotListed`] = value.length - STORED_PARTICIPANTS_PER_SCOPE;
          } else inputs[key] = value;
        }
        if (!scope.participants || scope.participants.length <= STORED_PARTICIPANTS_PER_SCOPE) return { ...scope, inputs };
        return {
          ...scope,
          participants: scope.participants.slice(0, STORED_PARTICIPANTS_PER_SCOPE),
          inputs: { ...inputs, participantsNotListed: scope.participants.length - STORED_PARTICIPANTS_PER_SCOPE },
        };
      }),
    })),
  };
}
