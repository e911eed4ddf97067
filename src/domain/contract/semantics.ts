import { CronExpressionParser } from 'cron-parser';
import { referencePatternProblem } from '../measurement/reference-pattern.ts';
import { dec } from '../money/money.ts';
import { isIsoDate, isValidTimeZone } from '../time/dates.ts';

/**
 * Checks that relate one part of a definition to another. Written defensively over the raw input,
 * so that they run (and report) even when other parts fail the structural schema: a definition
 * is rejected with every problem at once.
 */

export interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isDecimal = (v: unknown): v is string => typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v);

const participantKinds = new Set(['rate_card', 'volume_banded']);

export function checkSemantics(input: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  if (!isObj(input)) return problems;

  // ---- keys are unique within each list
  const keysOf = (list: string, field = 'key') => {
    const seen = new Map<string, number>();
    arr(input[list]).forEach((item, i) => {
      const key = isObj(item) ? str(item[field]) : undefined;
      if (key === undefined) return;
      if (seen.has(key)) add([list, i, field], `duplicate ${field} "${key}" (also at ${list}[${seen.get(key)}])`);
      else seen.set(key, i);
    });
    return seen;
  };
  const parties = keysOf('parties');
  const cohorts = keysOf('cohorts');
  const periods = keysOf('periods');
  const metrics = keysOf('metrics');
  keysOf('pricing');
  keysOf('scenarios');

  const metricLevel = new Map<string, string | undefined>();
  for (const m of arr(input.metrics)) if (isObj(m) && str(m.key)) metricLevel.set(m.key as string, str(m.level));

  // ---- results that accumulate: aggregate metrics only
  const accumulates = new Set<string>();
  arr(input.metrics).forEach((m, i) => {
    if (!isObj(m) || m.results !== 'accumulate') return;
    if (str(m.key)) accumulates.add(m.key as string);
    if (m.level === 'participant') {
      add(['metrics', i, 'results'], 'only aggregate-level metrics have results that accumulate; a participant-level metric\'s claims are each paid on their own');
    }
  });
  /** A rule comparing one result per scope cannot read a metric whose results accumulate. */
  const refuseAccumulating = (path: (string | number)[], key: unknown, kind: string, why: string) => {
    if (typeof key === 'string' && accumulates.has(key)) {
      add(path, `metric "${key}" accumulates its results (results: "accumulate"), but a ${kind} rule ${why}: its metric's results must replace each other (results: "replace")`);
    }
  };

  const rolesOf = new Map<string, Set<string>>();
  for (const p of arr(input.parties)) {
    if (isObj(p) && str(p.key)) rolesOf.set(p.key as string, new Set(arr(p.roles).filter((r): r is string => typeof r === 'string')));
  }
  const withRole = (role: string) => [...rolesOf].filter(([, roles]) => roles.has(role)).map(([k]) => k);

  // ---- required roles
  for (const role of ['outcome_payer', 'operator', 'investor']) {
    if (withRole(role).length === 0) add(['parties'], `a contract needs at least one party with the role "${role}"`);
  }

  // ---- payer and investor terms match the parties
  const payerTerms = new Set<string>();
  arr(input.payers).forEach((p, i) => {
    const key = isObj(p) ? str(p.party) : undefined;
    if (!key) return;
    if (!parties.has(key)) add(['payers', i, 'party'], `unknown party "${key}"`);
    else if (!rolesOf.get(key)?.has('outcome_payer')) add(['payers', i, 'party'], `party "${key}" does not have the role "outcome_payer"`);
    if (payerTerms.has(key)) add(['payers', i, 'party'], `payer "${key}" is listed twice`);
    payerTerms.add(key);
  });
  for (const key of withRole('outcome_payer')) {
    if (!payerTerms.has(key)) add(['payers'], `outcome payer "${key}" needs an entry in payers (its maximum commitment)`);
  }
  const investorTerms = new Set<string>();
  arr(input.investors).forEach((inv, i) => {
    if (!isObj(inv)) return;
    const key = str(inv.party);
    if (key) {
      if (!parties.has(key)) add(['investors', i, 'party'], `unknown party "${key}"`);
      else if (!rolesOf.get(key)?.has('investor')) add(['investors', i, 'party'], `party "${key}" does not have the role "investor"`);
      if (investorTerms.has(key)) add(['investors', i, 'party'], `investor "${key}" is listed twice`);
      investorTerms.add(key);
    }
    const tranches = arr(inv.tranches);
    if (tranches.length > 0 && isDecimal(inv.commitment) && tranches.every((t) => isObj(t) && isDecimal(t.amount))) {
      const total = tranches.reduce((s: ReturnType<typeof dec>, t) => s.plus((t as Raw).amount as string), dec(0));
      if (!total.eq(inv.commitment)) add(['investors', i, 'tranches'], `tranches add up to ${total.toFixed()} but the commitment is ${inv.commitment}`);
    }
    const seen = new Set<string>();
    tranches.forEach((t, j) => {
      const k = isObj(t) ? str(t.key) : undefined;
      if (k && seen.has(k)) add(['investors', i, 'tranches', j, 'key'], `duplicate tranche key "${k}"`);
      if (k) seen.add(k);
    });
  });
  for (const key of withRole('investor')) {
    if (!investorTerms.has(key)) add(['investors'], `investor "${key}" needs an entry in investors (its commitment and seniority)`);
  }

  // ---- dates inside the term
  const term = isObj(input.term) ? input.term : undefined;
  const termStart = term && str(term.start) && isIsoDate(term.start as string) ? (term.start as string) : undefined;
  const termEnd = term && str(term.end) && isIsoDate(term.end as string) ? (term.end as string) : undefined;
  const inTerm = (date: unknown) => typeof date === 'string' && isIsoDate(date) && termStart && termEnd ? date >= termStart && date <= termEnd : true;
  arr(input.cohorts).forEach((c, i) => {
    if (!isObj(c) || !isObj(c.enrolment)) return;
    for (const edge of ['start', 'end'] as const) {
      if (!inTerm(c.enrolment[edge])) add(['cohorts', i, 'enrolment', edge], `cohort enrolment ${edge} ${String(c.enrolment[edge])} is outside the contract term ${termStart} to ${termEnd}`);
    }
  });
  arr(input.periods).forEach((p, i) => {
    if (!isObj(p)) return;
    for (const edge of ['start', 'end'] as const) {
      if (!inTerm(p[edge])) add(['periods', i, edge], `period ${edge} ${String(p[edge])} is outside the contract term ${termStart} to ${termEnd}`);
    }
    if (str(p.start) && str(p.end) && isIsoDate(p.start as string) && isIsoDate(p.end as string) && (p.start as string) > (p.end as string)) {
      add(['periods', i, 'end'], 'start must not be after end');
    }
  });

  // ---- pricing rules refer to what exists, with the right metric level
  const payerCount = withRole('outcome_payer').length;
  const checkMetric = (path: (string | number)[], key: unknown, level: 'participant' | 'aggregate') => {
    if (typeof key !== 'string') return;
    if (!metrics.has(key)) add(path, `unknown metric "${key}"`);
    else if (metricLevel.get(key) !== level) add(path, `metric "${key}" is ${metricLevel.get(key)}-level; this needs a ${level}-level metric`);
  };
  const checkKeys = (path: (string | number)[], list: unknown, known: Map<string, number>, what: string) => {
    arr(list).forEach((k, j) => {
      if (typeof k === 'string' && !known.has(k)) add([...path, j], `unknown ${what} "${k}"`);
    });
  };

  arr(input.pricing).forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = (...rest: (string | number)[]) => ['pricing', i, ...rest];
    const kind = str(rule.kind);
    const level = kind && participantKinds.has(kind) ? 'participant' : 'aggregate';

    // payers
    if (rule.payers === undefined) {
      if (payerCount > 1) add(at('payers'), 'name the payer(s) of this rule: the contract has more than one outcome payer');
    } else {
      let total = dec(0);
      let allDecimal = true;
      arr(rule.payers).forEach((ps, j) => {
        if (!isObj(ps)) return;
        const key = str(ps.party);
        if (key && !rolesOf.get(key)?.has('outcome_payer')) add(at('payers', j, 'party'), `"${key}" is not an outcome payer of this contract`);
        if (isDecimal(ps.share)) total = total.plus(ps.share);
        else allDecimal = false;
      });
      if (allDecimal && !total.eq(1)) add(at('payers'), `payer shares add up to ${total.toFixed()}, not 1`);
    }

    if (isObj(rule.cap) && rule.cap.total === undefined && rule.cap.perScope === undefined) {
      add(at('cap'), 'a cap needs a total or a perScope amount');
    }

    // scopes
    if (kind === 'rate_card' || kind === 'volume_banded') checkKeys(at('cohorts'), rule.cohorts, cohorts, 'cohort');
    if (kind === 'counterfactual_threshold') {
      checkKeys(at('cohorts'), rule.cohorts, cohorts, 'cohort');
      if (isObj(rule.pooled)) checkKeys(at('pooled', 'cohorts'), rule.pooled.cohorts, cohorts, 'cohort');
    }
    if (rule.scope === 'cohort') checkKeys(at('scopes'), rule.scopes, cohorts, 'cohort');
    if (rule.scope === 'period') {
      if (periods.size === 0) add(at('scope'), 'this rule is per period but the contract defines no periods');
      checkKeys(at('scopes'), rule.scopes, periods, 'period');
    }

    // metrics
    if (kind === 'rate_card') {
      const outcomeKeys = new Set<string>();
      arr(rule.outcomes).forEach((o, j) => {
        if (!isObj(o)) return;
        const key = str(o.metric);
        checkMetric(at('outcomes', j, 'metric'), key, 'participant');
        if (key && outcomeKeys.has(key)) add(at('outcomes', j, 'metric'), `outcome "${key}" is priced twice in this rule`);
        if (key) outcomeKeys.add(key);
      });
      arr(rule.outcomes).forEach((o, j) => {
        if (!isObj(o)) return;
        arr(o.requires).forEach((r, k) => {
          if (typeof r !== 'string') return;
          if (!metrics.has(r)) add(at('outcomes', j, 'requires', k), `unknown metric "${r}"`);
          if (r === o.metric) add(at('outcomes', j, 'requires', k), 'an outcome cannot require itself');
        });
        arr(o.awaits).forEach((a, k) => {
          if (!isObj(a) || typeof a.metric !== 'string') return;
          checkMetric(at('outcomes', j, 'awaits', k, 'metric'), a.metric, 'participant');
          if (a.metric === o.metric) add(at('outcomes', j, 'awaits', k, 'metric'), 'an outcome cannot await itself');
        });
        if (isObj(o.sustainment)) {
          checkMetric(at('outcomes', j, 'sustainment', 'clockStart'), o.sustainment.clockStart, 'participant');
          arr(o.sustainment.resetBy).forEach((r, k) => checkMetric(at('outcomes', j, 'sustainment', 'resetBy', k), r, 'participant'));
        }
      });
    } else if (kind === 'weighted_composite') {
      let total = dec(0);
      let allDecimal = true;
      arr(rule.components).forEach((c, j) => {
        if (!isObj(c)) return;
        checkMetric(at('components', j, 'metric'), c.metric, 'aggregate');
        refuseAccumulating(at('components', j, 'metric'), c.metric, 'weighted_composite', 'weighs one achievement per component and scope against its target');
        if (isDecimal(c.weight)) total = total.plus(c.weight);
        else allDecimal = false;
      });
      if (allDecimal && arr(rule.components).length > 0 && !total.eq(1)) add(at('components'), `weights add up to ${total.toFixed()}, not 1`);
    } else if (kind) {
      checkMetric(at('metric'), rule.metric, level);
      if (kind === 'counterfactual_threshold') {
        refuseAccumulating(at('metric'), rule.metric, kind, 'compares each cohort once with its comparison group and pools cohorts on those results');
      }
    }

    // ordering
    if (kind === 'tiered') {
      const tiers = arr(rule.tiers);
      tiers.forEach((t, j) => {
        if (j === 0 || !isObj(t)) return;
        const prev = tiers[j - 1];
        if (!isObj(prev)) return;
        if (isDecimal(t.atLeast) && isDecimal(prev.atLeast) && !dec(t.atLeast).gt(prev.atLeast)) {
          add(at('tiers', j, 'atLeast'), 'tiers must be in strictly increasing order of atLeast');
        }
        if (isDecimal(t.amount) && isDecimal(prev.amount) && dec(t.amount).lt(prev.amount)) {
          add(at('tiers', j, 'amount'), 'a higher tier must not pay less than a lower one');
        }
      });
    }
    if (kind === 'volume_banded') {
      const bands = arr(rule.bands);
      bands.forEach((b, j) => {
        if (!isObj(b)) return;
        const last = j === bands.length - 1;
        if (!last && b.upTo === undefined) add(at('bands', j, 'upTo'), 'only the last band may be open-ended');
        const prev = j > 0 ? bands[j - 1] : undefined;
        if (isObj(prev) && typeof prev.upTo === 'number' && typeof b.upTo === 'number' && b.upTo <= prev.upTo) {
          add(at('bands', j, 'upTo'), 'bands must be in strictly increasing order of upTo');
        }
        if (b.maxAmount !== undefined && isDecimal(b.price) && dec(b.price).isZero()) {
          add(at('bands', j, 'maxAmount'), 'this band pays nothing (price 0): a maximum amount has no effect');
        }
      });
    }
    if (kind === 'savings_share' && isDecimal(rule.initialShare) && isDecimal(rule.subsequentShare) && dec(rule.subsequentShare).gt(rule.initialShare)) {
      add(at('subsequentShare'), 'the share after the threshold must not be higher than before it');
    }
  });

  // ---- distribution
  if (isObj(input.distribution)) {
    const d = input.distribution;
    if (d.surplus === 'operator') {
      const op = str(d.operatorParty);
      if (!op) {
        if (withRole('operator').length > 1) add(['distribution', 'operatorParty'], 'name the operator that receives the surplus');
      } else if (!rolesOf.get(op)?.has('operator')) add(['distribution', 'operatorParty'], `"${op}" is not an operator of this contract`);
    }
    const recipient = str(d.paymentRecipient);
    if (recipient && !parties.has(recipient)) add(['distribution', 'paymentRecipient'], `unknown party "${recipient}"`);
  }

  // ---- scenarios
  arr(input.scenarios).forEach((s, i) => {
    if (!isObj(s)) return;
    arr(s.expectations).forEach((e, j) => {
      if (!isObj(e)) return;
      const at = ['scenarios', i, 'expectations', j];
      const m = str(e.metric);
      if (m && !metrics.has(m)) add([...at, 'metric'], `unknown metric "${m}"`);
      const c = str(e.cohort);
      if (c && !cohorts.has(c)) add([...at, 'cohort'], `unknown cohort "${c}"`);
      const p = str(e.period);
      if (p && !periods.has(p)) add([...at, 'period'], `unknown period "${p}"`);
    });
  });

  // ---- the contract's own participant reference pattern compiles (and its spreadsheet locale exists), and cannot take exponential time
  if (isObj(input.data)) {
    const pattern = str(input.data.participantReferencePattern);
    const problem = pattern === undefined || pattern === '' ? undefined : referencePatternProblem(pattern);
    if (problem) add(['data', 'participantReferencePattern'], `the participant reference pattern ${problem}`);
    const locale = str(input.data.spreadsheetLocale);
    if (locale !== undefined && !knownLocale(locale)) add(['data', 'spreadsheetLocale'], `"${locale}" is not a locale (a BCP 47 tag such as fr-FR)`);
  }

  // ---- evaluation schedule
  if (isObj(input.evaluation)) {
    const schedule = str(input.evaluation.schedule);
    const zone = str(input.evaluation.timeZone);
    if (schedule !== undefined) {
      const fields = schedule.trim().split(/\s+/);
      let valid = fields.length === 5;
      if (valid) {
        try {
          CronExpressionParser.parse(schedule, { tz: zone && isValidTimeZone(zone) ? zone : 'UTC', strict: false });
        } catch {
          valid = false;
        }
      }
      if (!valid) add(['evaluation', 'schedule'], `"${schedule}" is not a valid five-field cron expression (minute hour day-of-month month day-of-week)`);
    }
    if (zone !== undefined && !isValidTimeZone(zone)) add(['evaluation', 'timeZone'], `"${zone}" is not an IANA time zone`);
  }

  return problems;
}

/** A BCP 47 tag that Intl knows how to format numbers in. */
function knownLocale(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf(Intl.getCanonicalLocales(tag)).length > 0;
  } catch {
    return false;
  }
}
