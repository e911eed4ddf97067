import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractDefinition, type ContractDefinitionInput } from '../../../src/domain/contract/definition.ts';
import {
  disclosureFields, disclosureOf, fieldValues, indigoSectionFields, isPublished, publicIndigoExport, publicTerms,
} from '../../../src/domain/contract/disclosure.ts';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import type { IndigoExport } from '../../../src/domain/indigo/types.ts';

const peterborough = (): ContractDefinitionInput => JSON.parse(readFileSync('contracts/peterborough.json', 'utf8'));
const dwp = (): ContractDefinitionInput => JSON.parse(readFileSync('contracts/dwp-innovation-fund.json', 'utf8'));
const parse = (input: ContractDefinitionInput) => ContractDefinition.parse(input);
/** Whether JSON text holds the value, as a string or as a number. */
const mentions = (text: string, v: string) =>
  text.includes(`"${v}"`) || new RegExp(`[:\\[,]${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[,\\]}]`).test(text);

describe('publication terms', () => {
  it('are optional: a definition without them is not published and discloses nothing', () => {
    const d = parse({ ...dwp(), publication: undefined });
    expect(isPublished(d)).toBe(false);
    expect(Object.values(disclosureOf(d)).every((s) => s === 'PRIVATE')).toBe(true);
  });

  it('default every field not listed to PRIVATE', () => {
    const d = parse({ ...dwp(), publication: { published: true, disclosure: { title: 'PUBLIC' } } });
    const is = disclosureOf(d);
    expect(is.title).toBe('PUBLIC');
    for (const f of disclosureFields.filter((x) => x !== 'title')) expect(is[f]).toBe('PRIVATE');
  });

  it('disclose nothing when published is false, whatever the list says', () => {
    const d = parse({ ...dwp(), publication: { published: false, disclosure: { title: 'PUBLIC', prices: 'PUBLIC' } } });
    expect(isPublished(d)).toBe(false);
    expect(publicTerms(d).fields).toEqual([]);
    expect(publicTerms(d).title).toBeUndefined();
  });

  it('refuse an unknown field or status, at its path', () => {
    const bad = validateDefinition({ ...dwp(), publication: { published: true, disclosure: { participants: 'PUBLIC', title: 'DISPUTED' } } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.some((p) => p.path.join('.').startsWith('publication.disclosure'))).toBe(true);
  });

  it('are part of the definition, hence of the content hash (a change is a new version to approve)', () => {
    const a = parse(dwp());
    const b = parse({ ...dwp(), publication: { published: true } });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });
});

describe('the disclosed terms', () => {
  it('Peterborough shows its thresholds but not its price per event, its caps or its investors', () => {
    const d = parse(peterborough());
    const terms = publicTerms(d);
    expect(terms.title).toBe(d.title);
    expect(terms.parties?.map((p) => p.name)).toEqual(d.parties.map((p) => p.name));
    const rule = terms.rules![0]!;
    expect(rule.targets.map((t) => t.value)).toEqual(expect.arrayContaining(['0.10', '0.075'].map((v) => expect.stringMatching(new RegExp(`^${v.replace('.', '\\.')}0*$`)))));
    expect(rule.prices).toEqual([]);
    expect(rule.name).toBeNull(); // free text that may quote a price: named only when targets, prices and caps are all PUBLIC
    expect(rule.caps).toEqual([]);
    expect(terms.caps).toBeUndefined();
    const text = JSON.stringify(terms);
    const shown = new Set(disclosureFields.filter((f) => disclosureOf(d)[f] === 'PUBLIC').flatMap((f) => fieldValues(d, f)));
    for (const f of disclosureFields) {
      if (disclosureOf(d)[f] === 'PUBLIC') continue;
      // A value the terms also write under a PUBLIC field (a tranche planned on the first day of the term) is public.
      for (const v of fieldValues(d, f).filter((x) => !shown.has(x))) expect(mentions(text, v), `${f}: ${v}`).toBe(false);
    }
  });

  it('carry every value of every PUBLIC field and none of a PRIVATE one, for each field alone', () => {
    const base = dwp();
    for (const field of disclosureFields) {
      const d = parse({ ...base, publication: { published: true, disclosure: { [field]: 'PUBLIC' } } });
      const text = JSON.stringify(publicTerms(d));
      for (const v of fieldValues(d, field)) expect(mentions(text, v), `${field}: ${v}`).toBe(true);
      for (const other of disclosureFields.filter((f) => f !== field)) {
        for (const v of fieldValues(d, other)) {
          if (fieldValues(d, field).includes(v)) continue; // the same value written twice in the terms
          expect(mentions(text, v), `${field} public, ${other} private: ${v}`).toBe(false);
        }
      }
    }
  });
});

describe('the public INDIGO export', () => {
  const full = {
    standard: { name: 'INDIGO', version: '4.1.0' },
    project: Object.fromEntries([...Object.keys(indigoSectionFields), 'notes', 'sources'].map((k) => [k, { value: k }])),
    organisations: [{ id: 'XI-OUTCOMELEDGER-1', data: { name: { value: 'Org' } } }],
  } as unknown as IndigoExport;

  it('keeps a section only when every field it draws on is PUBLIC, never the free-text notes or sources', () => {
    const d = parse({ ...dwp(), publication: { published: true, disclosure: { title: 'PUBLIC', term: 'PUBLIC' } } });
    const out = publicIndigoExport(full, d);
    // The dates section holds the service dates, the cohorts' span: not without the cohorts.
    expect(Object.keys(out.project).sort()).toEqual(['name', 'stage_development', 'status']);
    const withCohorts = parse({ ...dwp(), publication: { published: true, disclosure: { title: 'PUBLIC', term: 'PUBLIC', cohorts: 'PUBLIC' } } });
    expect(Object.keys(publicIndigoExport(full, withCohorts).project).sort()).toEqual(['dates', 'name', 'stage_development', 'status']);
    expect(out.organisations).toEqual([]);
  });

  it('keeps the organisation records when the parties are PUBLIC', () => {
    const d = parse({ ...dwp(), publication: { published: true, disclosure: Object.fromEntries(disclosureFields.map((f) => [f, 'PUBLIC'])) } });
    const out = publicIndigoExport(full, d);
    expect(out.organisations).toHaveLength(1);
    expect(Object.keys(out.project)).not.toContain('notes');
    expect(Object.keys(out.project)).not.toContain('sources');
    expect(Object.keys(out.project)).toHaveLength(Object.keys(indigoSectionFields).length);
  });
});
