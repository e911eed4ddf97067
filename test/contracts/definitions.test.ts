import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/domain/contract/validate.ts';

/**
 * The real-world contract definitions in contracts/ and their sample outcome data in contracts/data/.
 * Every definition must validate, say where it comes from and what is assumed, and offer
 * low/medium/high scenarios; every CSV must match its contract (keys, levels, dates in the term).
 */

const contractsDir = join(import.meta.dirname, '..', '..', 'contracts');
const dataDir = join(contractsDir, 'data');

const CLAIMS_HEADER = 'participant_ref,outcome,cohort,achieved_on,held_from,evidence';
// Claims of outcomes counted in units (days, months…) add the optional quantity column (issue 14).
const CLAIMS_HEADER_WITH_QUANTITY = `${CLAIMS_HEADER},quantity`;
const RESULTS_HEADER =
  'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';

// Loose view of a definition, enough for the cross-checks below.
interface Raw {
  term: { start: string; end: string };
  parties: { key: string; roles: string[] }[];
  cohorts: { key: string; enrolment: { start: string; end: string } }[];
  periods?: { key: string; start: string; end: string }[];
  metrics: { key: string; level: 'participant' | 'aggregate'; evidenceRequired?: string[] }[];
  pricing: Record<string, unknown>[];
  scenarios?: { key: string; expectations: Record<string, unknown>[] }[];
  source?: { notes: string; urls?: string[] };
  assumptions?: string[];
}

const contractFiles = readdirSync(contractsDir).filter((f) => f.endsWith('.json')).sort();
const dataFiles = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort() : [];

const load = (file: string): Raw => JSON.parse(readFileSync(join(contractsDir, file), 'utf8')) as Raw;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
function isIsoDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
const decimal = /^-?\d+(\.\d+)?$/;

/** Keys present in the input but missing from the parsed definition were dropped by the schema: a typo or an unknown field. */
function droppedKeys(input: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(input)) {
    return input.flatMap((item, i) => droppedKeys(item, Array.isArray(parsed) ? parsed[i] : undefined, `${path}[${i}]`));
  }
  if (typeof input === 'object' && input !== null) {
    const out = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    return Object.entries(input).flatMap(([k, v]) =>
      k in out ? droppedKeys(v, out[k], `${path}.${k}`) : [`${path}.${k}`],
    );
  }
  return [];
}

/** Outcome keys priced by rate-card rules, with their sustainment clocks. */
function rateCardOutcomes(def: Raw): Map<string, { maxClaimsPerParticipant?: number; sustainment?: { clockStart: string; months: number; resetBy?: string[] } }> {
  const out = new Map();
  for (const rule of def.pricing) {
    if (rule.kind !== 'rate_card') continue;
    for (const o of rule.outcomes as { metric: string }[]) out.set(o.metric, o);
  }
  return out;
}

function readCsv(file: string): { headerLine: string; rows: string[][] } {
  const text = readFileSync(join(dataDir, file), 'utf8');
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  const records = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
  return { headerLine, rows: records.slice(1) };
}

describe('contract definitions in contracts/', () => {
  it('has the seven encoded contracts', () => {
    expect(contractFiles).toEqual(
      expect.arrayContaining([
        'cis-france.json', 'denver-supportive-housing.json', 'dwp-innovation-fund.json', 'educate-girls.json',
        'kirklees-better-outcomes.json', 'london-rough-sleeping.json', 'peterborough.json',
      ]),
    );
  });

  describe.each(contractFiles)('%s', (file) => {
    const input = load(file);

    it('validates against the schema and the cross-reference rules', () => {
      const result = validateDefinition(input);
      if (!result.ok) {
        // Print every problem with its path so a failing file can be fixed directly.
        console.error(`${file}:\n${result.problems.map((p) => `  ${p.path.join('.')}: ${p.message}`).join('\n')}`);
      }
      expect(result.ok ? [] : result.problems).toEqual([]);
    });

    it('has no keys that the schema silently drops', () => {
      const result = validateDefinition(input);
      expect(result.ok).toBe(true);
      if (result.ok) expect(droppedKeys(input, result.definition)).toEqual([]);
    });

    it('names its sources', () => {
      expect(input.source?.notes.trim().length ?? 0).toBeGreaterThan(200);
      expect(input.source?.urls?.length ?? 0).toBeGreaterThan(0);
    });

    it('lists its assumptions, each labelled ILLUSTRATIVE: or ASSUMPTION:', () => {
      expect(input.assumptions?.length ?? 0).toBeGreaterThan(0);
      for (const a of input.assumptions ?? []) expect(a).toMatch(/^(ILLUSTRATIVE|ASSUMPTION): \S/);
    });

    it('has low, medium and high scenarios whose expectations fit the metric levels', () => {
      const keys = (input.scenarios ?? []).map((s) => s.key);
      expect(keys).toEqual(expect.arrayContaining(['low', 'medium', 'high']));
      const level = new Map(input.metrics.map((m) => [m.key, m.level]));
      for (const s of input.scenarios ?? []) {
        for (const e of s.expectations) {
          const where = `${s.key}: ${String(e.metric)}`;
          if (level.get(e.metric as string) === 'participant') {
            expect(e, where).toHaveProperty('count');
            expect(e, where).toHaveProperty('cohort');
          } else {
            expect(e, where).toHaveProperty('treatmentValue');
          }
        }
      }
    });

    it('has an outcome payer, an operator and an investor', () => {
      const roles = new Set(input.parties.flatMap((p) => p.roles));
      for (const role of ['outcome_payer', 'operator', 'investor']) expect(roles.has(role), role).toBe(true);
    });

    it('has sample outcome data of the right kind', () => {
      const name = file.replace(/\.json$/, '');
      const levels = new Set(input.metrics.map((m) => m.level));
      if (levels.has('participant')) expect(dataFiles).toContain(`${name}.claims.csv`);
      if (levels.has('aggregate')) expect(dataFiles).toContain(`${name}.results.csv`);
    });
  });
});

describe('sample outcome data in contracts/data/', () => {
  it('has a data file for every contract and a contract for every data file', () => {
    expect(dataFiles.length).toBeGreaterThan(0);
    for (const f of dataFiles) {
      expect(f, 'file name is <contract>.claims.csv or <contract>.results.csv').toMatch(/^[a-z0-9-]+\.(claims|results)\.csv$/);
      expect(contractFiles, f).toContain(f.replace(/\.(claims|results)\.csv$/, '.json'));
    }
  });

  describe.each(dataFiles.filter((f) => f.endsWith('.claims.csv')))('%s', (file) => {
    const def = load(file.replace(/\.claims\.csv$/, '.json'));
    const { headerLine, rows } = readCsv(file);
    const metrics = new Map(def.metrics.map((m) => [m.key, m]));
    const cohorts = new Map(def.cohorts.map((c) => [c.key, c]));
    const priced = rateCardOutcomes(def);

    const withQuantity = headerLine === CLAIMS_HEADER_WITH_QUANTITY;

    it('has the exact claims header', () => {
      expect([CLAIMS_HEADER, CLAIMS_HEADER_WITH_QUANTITY]).toContain(headerLine);
      expect(rows.length).toBeGreaterThan(0);
    });

    it('refers to participant-level metrics and cohorts of the contract, with dates in the term', () => {
      const problems: string[] = [];
      const cohortOf = new Map<string, string>();
      rows.forEach((row, i) => {
        const at = `line ${i + 2}`;
        const columns = withQuantity ? 7 : 6;
        if (row.length !== columns) return problems.push(`${at}: ${row.length} columns, expected ${columns}`);
        const [ref, outcome, cohortKey, achievedOn, heldFrom, evidence, quantity = ''] = row as [string, string, string, string, string, string, string?];
        if (quantity !== '' && (!/^\d+(\.\d+)?$/.test(quantity) || Number(quantity) <= 0)) problems.push(`${at}: quantity "${quantity}" is not a number above 0`);
        if (!/^P-\d{6}$/.test(ref)) problems.push(`${at}: participant_ref "${ref}" is not pseudonymous like P-000123`);
        if (cohortOf.has(ref) && cohortOf.get(ref) !== cohortKey) problems.push(`${at}: ${ref} appears in two cohorts`);
        cohortOf.set(ref, cohortKey);
        const metric = metrics.get(outcome);
        if (!metric) problems.push(`${at}: unknown outcome "${outcome}"`);
        else if (metric.level !== 'participant') problems.push(`${at}: "${outcome}" is not a participant-level metric`);
        const cohort = cohorts.get(cohortKey);
        if (!cohort) problems.push(`${at}: unknown cohort "${cohortKey}"`);
        if (!isIsoDate(achievedOn)) problems.push(`${at}: achieved_on "${achievedOn}" is not YYYY-MM-DD`);
        else {
          if (achievedOn < def.term.start || achievedOn > def.term.end) problems.push(`${at}: achieved_on ${achievedOn} is outside the term`);
          if (cohort && achievedOn < cohort.enrolment.start) problems.push(`${at}: achieved_on ${achievedOn} is before the cohort opens`);
        }
        const sustainment = priced.get(outcome)?.sustainment;
        if (sustainment && heldFrom === '') problems.push(`${at}: sustainment outcome "${outcome}" needs held_from`);
        if (!sustainment && heldFrom !== '') problems.push(`${at}: held_from must be empty for "${outcome}" (not a sustainment outcome)`);
        if (heldFrom !== '') {
          if (!isIsoDate(heldFrom)) problems.push(`${at}: held_from "${heldFrom}" is not YYYY-MM-DD`);
          else {
            if (heldFrom < def.term.start || (cohort && heldFrom < cohort.enrolment.start)) problems.push(`${at}: held_from ${heldFrom} is before the cohort or term`);
            if (sustainment && addMonths(heldFrom, sustainment.months) > achievedOn) {
              problems.push(`${at}: held from ${heldFrom}, ${sustainment.months} months are not over by ${achievedOn}`);
            }
          }
        }
        const refs = evidence === '' ? [] : evidence.split(';');
        if ((metric?.evidenceRequired?.length ?? 0) > 0 && refs.length === 0) problems.push(`${at}: evidence is required for "${outcome}"`);
        for (const r of refs) if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(r)) problems.push(`${at}: bad evidence reference "${r}"`);
      });
      expect(problems).toEqual([]);
    });
  });

  describe.each(dataFiles.filter((f) => f.endsWith('.results.csv')))('%s', (file) => {
    const def = load(file.replace(/\.results\.csv$/, '.json'));
    const { headerLine, rows } = readCsv(file);
    const metrics = new Map(def.metrics.map((m) => [m.key, m]));
    const cohorts = new Map(def.cohorts.map((c) => [c.key, c]));
    const periods = new Map((def.periods ?? []).map((p) => [p.key, p]));

    it('has the exact results header', () => {
      expect(headerLine).toBe(RESULTS_HEADER);
      expect(rows.length).toBeGreaterThan(0);
    });

    it('refers to aggregate metrics and cohorts or periods of the contract, with dates in the term', () => {
      const problems: string[] = [];
      rows.forEach((row, i) => {
        const at = `line ${i + 2}`;
        if (row.length !== 11) return problems.push(`${at}: ${row.length} columns, expected 11`);
        const [metricKey, cohortKey, periodKey, measuredOn, tv, cv, tn, cn, methodology, , measuredBy] = row as string[] as [
          string, string, string, string, string, string, string, string, string, string, string,
        ];
        const metric = metrics.get(metricKey);
        if (!metric) problems.push(`${at}: unknown metric "${metricKey}"`);
        else if (metric.level !== 'aggregate') problems.push(`${at}: "${metricKey}" is not an aggregate metric`);
        if ((cohortKey === '') === (periodKey === '')) problems.push(`${at}: give exactly one of cohort and period`);
        const cohort = cohortKey ? cohorts.get(cohortKey) : undefined;
        const period = periodKey ? periods.get(periodKey) : undefined;
        if (cohortKey && !cohort) problems.push(`${at}: unknown cohort "${cohortKey}"`);
        if (periodKey && !period) problems.push(`${at}: unknown period "${periodKey}"`);
        if (!isIsoDate(measuredOn)) problems.push(`${at}: measured_on "${measuredOn}" is not YYYY-MM-DD`);
        else {
          if (measuredOn < def.term.start || measuredOn > def.term.end) problems.push(`${at}: measured_on ${measuredOn} is outside the term`);
          if (cohort && measuredOn < cohort.enrolment.start) problems.push(`${at}: measured_on ${measuredOn} is before the cohort opens`);
          if (period && measuredOn < period.start) problems.push(`${at}: measured_on ${measuredOn} is before the period starts`);
        }
        if (!decimal.test(tv)) problems.push(`${at}: treatment_value "${tv}" is not a decimal`);
        if (cv !== '' && !decimal.test(cv)) problems.push(`${at}: comparison_value "${cv}" is not a decimal`);
        for (const n of [tn, cn]) if (n !== '' && !/^[1-9]\d*$/.test(n)) problems.push(`${at}: sample size "${n}" is not a positive integer`);
        if (methodology === '' || measuredBy === '') problems.push(`${at}: methodology and measured_by are required`);
      });
      expect(problems).toEqual([]);
    });
  });
});

describe('the sample data carries the published figures', () => {
  const results = (name: string) => readCsv(`${name}.results.csv`).rows;
  const claims = (name: string) => readCsv(`${name}.claims.csv`).rows;

  it('Peterborough: cohort 1 is 142 vs 155 (8.4%, below 10%); cohorts 1-2 pooled are about 9% (above 7.5%)', () => {
    const rows = results('peterborough');
    const c1 = rows.find((r) => r[1] === 'cohort_1')!;
    const c2 = rows.find((r) => r[1] === 'cohort_2')!;
    expect([c1[4], c1[5], c1[6]]).toEqual(['142.0', '155.0', '1000']);
    const rel = (r: string[]) => (Number(r[5]) - Number(r[4])) / Number(r[5]);
    expect(rel(c1)).toBeCloseTo(0.0839, 3);
    expect(rel(c2)).toBeLessThan(0.1);
    const n = (r: string[]) => Number(r[6]);
    const pooledT = (Number(c1[4]) * n(c1) + Number(c2[4]) * n(c2)) / (n(c1) + n(c2));
    const pooledC = (Number(c1[5]) * n(c1) + Number(c2[5]) * n(c2)) / (n(c1) + n(c2));
    const pooled = (pooledC - pooledT) / pooledC;
    expect(pooled).toBeGreaterThan(0.085);
    expect(pooled).toBeLessThan(0.095);
    for (const r of rows) expect(Number(r[7])).toBeLessThanOrEqual(10 * n(r));
  });

  it('Educate Girls: 768 girls enrolled (116% of 662) and 8,940 ASER levels (160% of 5,592)', () => {
    const rows = results('educate-girls');
    const value = (m: string) => Number(rows.find((r) => r[0] === m)![4]);
    expect(value('girls_enrolled')).toBe(768);
    expect(value('learning_gains')).toBe(8940);
    expect(Math.round((768 / 662) * 100)).toBe(116);
    expect(Math.round((8940 / 5592) * 100)).toBe(160);
  });

  it('DWP: one participant achieves every outcome, whose prices (£15,100) exceed the £11,700 cap', () => {
    const def = load('dwp-innovation-fund.json');
    const card = def.pricing.find((r) => r.kind === 'rate_card')!;
    const outcomes = card.outcomes as { metric: string; price: string }[];
    const total = outcomes.reduce((s, o) => s + Number(o.price), 0);
    expect(total).toBe(15100);
    expect(card.participantCap).toBe('11700.00');
    const byParticipant = new Map<string, Set<string>>();
    for (const r of claims('dwp-innovation-fund')) byParticipant.set(r[0]!, (byParticipant.get(r[0]!) ?? new Set()).add(r[1]!));
    const everything = [...byParticipant].filter(([, got]) => outcomes.every((o) => got.has(o.metric)));
    expect(everything.length).toBeGreaterThanOrEqual(1);
    expect(byParticipant.size).toBeGreaterThan(3);
    // sustained employment always follows the 13-week outcome for the same participant
    const rows = claims('dwp-innovation-fund');
    for (const r of rows.filter((x) => x[1] === 'sustained_employment_26_weeks')) {
      const entry = rows.find((x) => x[0] === r[0] && x[1] === 'entry_to_employment_13_weeks');
      expect(entry && entry[3]! <= r[3]!, r[0]).toBe(true);
    }
  });

  it('London: a client whose accommodation ends before 3 months restarts the clock; one has 4 wellbeing assessments', () => {
    const rows = claims('london-rough-sleeping');
    const ended = rows.filter((r) => r[1] === 'accommodation_ended');
    expect(ended.length).toBeGreaterThan(0);
    const restarted = ended.some((end) => {
      const entries = rows.filter((r) => r[0] === end[0] && r[1] === 'entry_to_accommodation').map((r) => r[3]!);
      const before = entries.filter((d) => d <= end[3]!);
      const after = entries.filter((d) => d > end[3]!);
      const endedEarly = before.some((d) => addMonths(d, 3) > end[3]!);
      const sustainedAfter = rows.some((r) => r[0] === end[0] && r[1] === 'sustained_3_months' && after.includes(r[4]!));
      return endedEarly && after.length > 0 && sustainedAfter;
    });
    expect(restarted).toBe(true);
    const wellbeing = new Map<string, number>();
    for (const r of rows.filter((x) => x[1] === 'wellbeing_assessment')) wellbeing.set(r[0]!, (wellbeing.get(r[0]!) ?? 0) + 1);
    expect(Math.max(...wellbeing.values())).toBe(4);
  });
});
