import { type ContractDefinition, disclosureFields } from './definition.ts';
import type { PartyBindings } from './lifecycle.ts';
import type { TermValue } from './terms-document.ts';

/**
 * What changed between two versions of a contract, as a reader of the terms would say it (issue 18):
 * which price, threshold or cap changed (old → new), which party was rebound to another
 * organisation, which rules, outcomes, cohorts or parties were added or removed. Not a JSON diff:
 * lists of keyed things (rules, parties, cohorts, outcomes of a rate card…) are matched by their
 * key, each change names the thing it is in (as written in the contract) and types its values
 * (amounts, fractions, dates) so a page shows them in its language. Publication is compared by
 * meaning: whether the contract is published, and each disclosure field's status (a field not
 * listed is PRIVATE, so listing one as PRIVATE changes nothing). Pure.
 */

export interface VersionChange {
  kind: 'changed' | 'added' | 'removed' | 'rebound';
  /** The part of the terms: `pricing`, `parties`, `payers`, `investors`, `cohorts`, `term`, `evaluation`… */
  area: string;
  /** The keyed thing the change is in (a rule, a party, a cohort), by its name as written; absent for the contract itself. */
  subject?: string;
  /** Below the subject: the names of the nested things and the field, e.g. ["Entry to accommodation", "price"]. */
  path: string[];
  /** The field that changed (the last segment of the path), e.g. `price`, `cohortThreshold`, `total`. */
  field: string;
  from?: TermValue;
  to?: TermValue;
}

const AMOUNT_FIELDS = new Set([
  'price', 'pricePerUnit', 'maximumCommitment', 'commitment', 'maxPayment', 'amount', 'total', 'perScope', 'participantCap', 'cap',
  'paymentAtFullAchievement', 'maximumOutcomePayment', 'maxAmount',
]);
const PERCENT_FIELDS = new Set([
  'cohortThreshold', 'threshold', 'share', 'initialShare', 'subsequentShare', 'weight', 'annualRate', 'rate', 'minimumAchievement', 'maxAchievement',
]);
const DATE_FIELDS = new Set(['start', 'end', 'plannedDate', 'baseDate', 'effectiveFrom']);

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueOf(field: string, v: Json): TermValue {
  if (v === undefined || v === null) return { kind: 'none' };
  if (typeof v === 'string') {
    if (AMOUNT_FIELDS.has(field) && /^\d+(\.\d+)?$/.test(v)) return { kind: 'amount', amount: v };
    if (PERCENT_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(v)) return { kind: 'percent', fraction: v };
    if (DATE_FIELDS.has(field) && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { kind: 'date', date: v };
    return { kind: 'text', text: v };
  }
  if (typeof v === 'number') return { kind: 'number', value: String(v) };
  if (typeof v === 'boolean') return { kind: 'text', text: String(v) };
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.length === 0 ? { kind: 'none' } : { kind: 'list', items: v.map((x) => valueOf(field, x)) };
  return { kind: 'text', text: JSON.stringify(v) };
}

/** The identity of an item of a list: its key, else its party, else its metric (rate-card outcomes, components). */
function identityOf(item: Json): string | undefined {
  if (!isObject(item)) return undefined;
  for (const k of ['key', 'party', 'metric'] as const) if (typeof item[k] === 'string') return `${k}:${item[k]}`;
  return undefined;
}

export function diffVersions(
  from: { definition: ContractDefinition; bindings?: PartyBindings },
  to: { definition: ContractDefinition; bindings?: PartyBindings },
  organisationNames: Record<string, string> = {},
): VersionChange[] {
  const changes: VersionChange[] = [];
  const a = from.definition;
  const b = to.definition;
  const metricName = (key: string) => b.metrics.find((m) => m.key === key)?.name ?? a.metrics.find((m) => m.key === key)?.name ?? key;
  const partyName = (key: string) => b.parties.find((p) => p.key === key)?.name ?? a.parties.find((p) => p.key === key)?.name ?? key;
  const nameOf = (item: Json, id: string): string => {
    if (isObject(item)) {
      if (typeof item.name === 'string') return item.name;
      if (typeof item.party === 'string') return partyName(item.party);
      if (typeof item.metric === 'string') return metricName(item.metric);
    }
    return id.slice(id.indexOf(':') + 1);
  };

  const walk = (x: Json, y: Json, area: string, subject: string | undefined, path: string[], field: string) => {
    if (JSON.stringify(x) === JSON.stringify(y)) return;
    const here = (kind: VersionChange['kind'], extra: Partial<VersionChange>) =>
      changes.push({ kind, area, ...(subject !== undefined ? { subject } : {}), path, field, ...extra });
    if (Array.isArray(x) && Array.isArray(y)) {
      const ids = (list: Json[]) => list.map(identityOf);
      const xi = ids(x);
      const yi = ids(y);
      const keyed = [...xi, ...yi].every((i) => i !== undefined) && new Set(xi).size === xi.length && new Set(yi).size === yi.length;
      if (keyed && (x.length > 0 || y.length > 0)) {
        const top = path.length === 0 && subject === undefined;
        for (let i = 0; i < x.length; i++) {
          const id = xi[i]!;
          const j = yi.indexOf(id);
          const name = nameOf(x[i], id);
          if (j < 0) {
            if (top) changes.push({ kind: 'removed', area, subject: name, path: [], field });
            else here('removed', { path: [...path, name], field });
          } else if (top) walk(x[i], y[j], area, name, [], field);
          else walk(x[i], y[j], area, subject, [...path, name], field);
        }
        for (let j = 0; j < y.length; j++) {
          if (xi.includes(yi[j]!)) continue;
          const name = nameOf(y[j], yi[j]!);
          if (top) changes.push({ kind: 'added', area, subject: name, path: [], field });
          else here('added', { path: [...path, name], field });
        }
        return;
      }
      if (x.every((v) => isObject(v)) && y.every((v) => isObject(v)) && x.length === y.length) {
        // Ordered lists of unkeyed things (tiers, bands, indexation steps): compared place by place.
        for (let i = 0; i < x.length; i++) walk(x[i], y[i], area, subject, [...path, `#${i + 1}`], field);
        return;
      }
      here('changed', { from: valueOf(field, x), to: valueOf(field, y) });
      return;
    }
    if (isObject(x) && isObject(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (k === 'name' && subject !== undefined && path.length === 0) {
          // A renamed rule or party: said as such, under its new name.
          if (x[k] !== y[k]) here('changed', { field: 'name', path: ['name'], from: valueOf('name', x[k]), to: valueOf('name', y[k]) });
          continue;
        }
        walk(x[k], y[k], area, subject, [...path, k], k);
      }
      return;
    }
    if (x === undefined && isObject(y)) return here('added', {});
    if (y === undefined && isObject(x)) return here('removed', {});
    here('changed', { from: valueOf(field, x), to: valueOf(field, y) });
  };

  const da = a as unknown as Record<string, Json>;
  const db = b as unknown as Record<string, Json>;
  for (const area of new Set([...Object.keys(da), ...Object.keys(db)])) {
    if (area === 'publication') continue; // below, by meaning
    const x = da[area];
    const y = db[area];
    if (Array.isArray(x) || Array.isArray(y)) walk(x ?? [], y ?? [], area, undefined, [], area);
    else if (isObject(x) || isObject(y)) walk(x ?? {}, y ?? {}, area, undefined, [], area);
    else walk(x, y, 'contract', undefined, [area], area);
  }

  // Publication: published or not, then each field's status as the terms write it.
  const published = (d: ContractDefinition) => d.publication?.published === true;
  const yesNo = (p: boolean): TermValue => ({ kind: 'word', word: p ? 'terms.publishedYes' : 'terms.publishedNo' });
  if (published(a) !== published(b)) {
    changes.push({ kind: 'changed', area: 'publication', path: ['published'], field: 'published', from: yesNo(published(a)), to: yesNo(published(b)) });
  }
  const status = (d: ContractDefinition, f: (typeof disclosureFields)[number]) => (d.publication?.disclosure?.[f] === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE');
  for (const f of disclosureFields) {
    if (status(a, f) === status(b, f)) continue;
    changes.push({
      kind: 'changed', area: 'publication', path: [`disclosure.${f}`], field: f,
      from: { kind: 'word', word: `disclosureStatus.${status(a, f)}` }, to: { kind: 'word', word: `disclosureStatus.${status(b, f)}` },
    });
  }

  // Parties rebound to another organisation.
  const ba = from.bindings ?? {};
  const bb = to.bindings ?? {};
  for (const key of new Set([...Object.keys(ba), ...Object.keys(bb)])) {
    if (ba[key] === bb[key] || ba[key] === undefined || bb[key] === undefined) continue;
    changes.push({
      kind: 'rebound', area: 'parties', subject: partyName(key), path: ['organisation'], field: 'organisation',
      from: { kind: 'text', text: organisationNames[ba[key]!] ?? ba[key]! }, to: { kind: 'text', text: organisationNames[bb[key]!] ?? bb[key]! },
    });
  }
  return changes;
}
