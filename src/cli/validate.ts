import { readFileSync } from 'node:fs';
import { validateDefinition } from '../domain/contract/validate.ts';
import { formatPath } from '../api/errors/zod-problems.ts';

/** `cli validate <files…>`: checks contract definition files; exit code 1 if any is invalid. */
export function validateFiles(files: string[], out: (line: string) => void): number {
  if (files.length === 0) {
    out('usage: cli validate <contract.json>...');
    return 2;
  }
  let failures = 0;
  for (const file of files) {
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      failures++;
      out(`✗ ${file}: cannot read JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const result = validateDefinition(input);
    if (result.ok) {
      const d = result.definition;
      out(`✓ ${file}: ${d.reference} "${d.title}" (${d.currency}, ${d.pricing.map((r) => r.kind).join(', ')})`);
    } else {
      failures++;
      out(`✗ ${file}: ${result.problems.length} problem(s)`);
      for (const p of result.problems) out(`    ${formatPath(p.path) || '(root)'}: ${p.message}`);
    }
  }
  return failures > 0 ? 1 : 0;
}
