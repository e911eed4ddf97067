import { ContractDefinition, type ContractDefinition as Definition } from './definition.ts';
import { checkSemantics, type DefinitionProblem } from './semantics.ts';

export type DefinitionValidation =
  | { ok: true; definition: Definition }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Validates a contract definition completely: structure (the zod schema) and meaning (semantics),
 * returning every problem with its path, or the parsed definition with defaults filled in.
 */
export function validateDefinition(input: unknown): DefinitionValidation {
  const parsed = ContractDefinition.safeParse(input);
  const problems: DefinitionProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.map((k) => (typeof k === 'number' ? k : String(k))), message: issue.message }));
  const seen = new Set(problems.map((p) => `${p.path.join('.')}|${p.message}`));
  for (const problem of checkSemantics(input)) {
    const id = `${problem.path.join('.')}|${problem.message}`;
    if (!seen.has(id)) {
      problems.push(problem);
      seen.add(id);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, definition: parsed.data };
}
