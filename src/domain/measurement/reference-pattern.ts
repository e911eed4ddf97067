/**
 * A contract's own participant reference pattern (`data.participantReferencePattern`): a
 * JavaScript regular expression (Unicode mode) that the whole reference must match — it is
 * anchored at both ends, so `P[0-9]{6}` and `^P[0-9]{6}$` mean the same. It narrows the platform's
 * pseudonymity rules, never loosens them.
 *
 * It runs on every row of every upload, so a pattern that could take exponential time is refused
 * at registration: no backreferences, no lookaround, and no repeated group (`(…)*`, `(…)+`,
 * `(…){2,}`) that itself contains a repetition or an alternation. Optional groups (`(…)?`) and
 * repetitions of single characters or classes (`[0-9]{6}`, `\d+`) are fine. At most 200 characters.
 */

export const MAX_REFERENCE_PATTERN_LENGTH = 200;

/** Why `source` cannot be used as a participant reference pattern, or undefined when it can. */
export function referencePatternProblem(source: string): string | undefined {
  if (source.length === 0) return 'must not be empty';
  if (source.length > MAX_REFERENCE_PATTERN_LENGTH) return `must be at most ${MAX_REFERENCE_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  return backtrackingProblem(source);
}

/** The pattern as used on references: anchored at both ends. Call only on a pattern without a problem. */
export function compileReferencePattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}

interface Group { repeats: boolean; alternates: boolean }

/** Reads a quantifier at `i` (if any): its length and whether it repeats more than once. */
function quantifierAt(source: string, i: number): { length: number; repeats: boolean } | undefined {
  const ch = source[i];
  let length: number;
  let repeats: boolean;
  if (ch === '*' || ch === '+') {
    length = 1;
    repeats = true;
  } else if (ch === '?') {
    length = 1;
    repeats = false;
  } else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!m) return undefined;
    length = m[0].length;
    const min = Number(m[1]);
    repeats = m[2] === undefined ? min > 1 : m[3] === '' || Number(m[3]) > 1;
  } else return undefined;
  if (source[i + length] === '?') length++; // lazy
  return { length, repeats };
}

function backtrackingProblem(source: string): string | undefined {
  const nested = 'must not repeat a group that itself contains a repetition or an alternation (it could take exponential time); repeat single characters or classes instead';
  const stack: Group[] = [{ repeats: false, alternates: false }];
  let i = 0;
  const afterAtom = (atomRepeats: boolean, atomAlternates: boolean): string | undefined => {
    const q = quantifierAt(source, i);
    const current = stack[stack.length - 1]!;
    if (q) {
      if (q.repeats && (atomRepeats || atomAlternates)) return nested;
      i += q.length;
      current.repeats ||= q.repeats || atomRepeats;
    } else current.repeats ||= atomRepeats;
    current.alternates ||= atomAlternates;
    return undefined;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return 'must not use backreferences';
      if ((next === 'p' || next === 'P' || next === 'u' || next === 'x') && source[i + 2] === '{') {
        i = source.indexOf('}', i) + 1;
      } else if (next === 'u') i += 6;
      else if (next === 'x') i += 4;
      else if (next === 'c') i += 3;
      else i += 2;
      const problem = afterAtom(false, false);
      if (problem) return problem;
    } else if (ch === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      const problem = afterAtom(false, false);
      if (problem) return problem;
    } else if (ch === '(') {
      if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) return 'must not use lookahead or lookbehind';
      const named = /^\(\?(:|<[^>]+>)/.exec(source.slice(i));
      i += named ? named[0].length : 1;
      stack.push({ repeats: false, alternates: false });
    } else if (ch === ')') {
      const group = stack.pop()!;
      i++;
      const problem = afterAtom(group.repeats, group.alternates);
      if (problem) return problem;
    } else if (ch === '|') {
      stack[stack.length - 1]!.alternates = true;
      i++;
    } else {
      i++;
      if (ch === '^' || ch === '$') continue;
      const problem = afterAtom(false, false);
      if (problem) return problem;
    }
  }
  return undefined;
}
