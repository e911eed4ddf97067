import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractDefinition } from '../../../src/domain/contract/definition.ts';
import { diffVersions } from '../../../src/domain/contract/version-diff.ts';

/** The readable difference between two versions: typed changes named as the terms name them, not a JSON diff. */
const load = (file: string) => ContractDefinition.parse(JSON.parse(readFileSync(`contracts/${file}`, 'utf8')));
const files = readdirSync('contracts').filter((f) => f.endsWith('.json'));
const clone = <T>(v: T): T => structuredClone(v);

describe('diffVersions', () => {
  it('finds nothing between a version and itself, for every example and any bindings', () => {
    fc.assert(fc.property(fc.constantFrom(...files), fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.uuid()), (file, bindings) => {
      const definition = load(file);
      expect(diffVersions({ definition, bindings }, { definition: clone(definition), bindings: { ...bindings } })).toEqual([]);
    }), { numRuns: 50 });
  });

  it('shows a changed threshold in Peterborough as exactly that change, old → new', () => {
    const a = load('peterborough.json');
    const b = clone(a);
    (b.pricing[0] as { cohortThreshold: string }).cohortThreshold = '0.12';
    expect(diffVersions({ definition: a }, { definition: b })).toEqual([{
      kind: 'changed', area: 'pricing', subject: a.pricing[0]!.name, path: ['cohortThreshold'], field: 'cohortThreshold',
      from: { kind: 'percent', fraction: '0.10' }, to: { kind: 'percent', fraction: '0.12' },
    }]);
  });

  it('any changed price of a rate card is one change of that outcome’s price (property)', () => {
    const a = load('london-rough-sleeping.json');
    const rule = a.pricing[0]!;
    if (rule.kind !== 'rate_card') throw new Error('expected a rate card');
    fc.assert(fc.property(fc.integer({ min: 0, max: rule.outcomes.length - 1 }), fc.integer({ min: 1, max: 99_999_999 }), (index, cents) => {
      const price = (cents / 100).toFixed(2);
      fc.pre(price !== rule.outcomes[index]!.price);
      const b = clone(a);
      (b.pricing[0] as typeof rule).outcomes[index]!.price = price;
      const outcome = a.metrics.find((m) => m.key === rule.outcomes[index]!.metric)!.name;
      expect(diffVersions({ definition: a }, { definition: b })).toEqual([{
        kind: 'changed', area: 'pricing', subject: rule.name, path: ['outcomes', outcome, 'price'], field: 'price',
        from: { kind: 'amount', amount: rule.outcomes[index]!.price }, to: { kind: 'amount', amount: price },
      }]);
    }), { numRuns: 30 });
  });

  it('names a party rebound to another organisation, a payer’s cap changed, a rule added and one removed', () => {
    const a = load('peterborough.json');
    const b = clone(a);
    b.payers[0]!.maximumCommitment = '9000000.00';
    b.pricing = [{ ...b.pricing[0]!, key: 'new_rule', name: 'New rule' }];
    const changes = diffVersions(
      { definition: a, bindings: { moj: 'o1', one_service: 'o2' } },
      { definition: b, bindings: { moj: 'o1', one_service: 'o3' } },
      { o2: 'One Service Ltd', o3: 'Another Operator' },
    );
    expect(changes).toContainEqual({
      kind: 'changed', area: 'payers', subject: a.parties.find((p) => p.key === a.payers[0]!.party)!.name, path: ['maximumCommitment'], field: 'maximumCommitment',
      from: { kind: 'amount', amount: a.payers[0]!.maximumCommitment }, to: { kind: 'amount', amount: '9000000.00' },
    });
    expect(changes).toContainEqual({ kind: 'removed', area: 'pricing', subject: a.pricing[0]!.name, path: [], field: 'pricing' });
    expect(changes).toContainEqual({ kind: 'added', area: 'pricing', subject: 'New rule', path: [], field: 'pricing' });
    expect(changes).toContainEqual({
      kind: 'rebound', area: 'parties', subject: a.parties.find((p) => p.key === 'one_service')!.name, path: ['organisation'], field: 'organisation',
      from: { kind: 'text', text: 'One Service Ltd' }, to: { kind: 'text', text: 'Another Operator' },
    });
    expect(changes).toHaveLength(4);
  });

  it('compares tiers and bands place by place and dates as dates', () => {
    const a = load('cis-france.json');
    const b = clone(a);
    const rule = b.pricing[0]!;
    if (rule.kind !== 'volume_banded') throw new Error('expected bands');
    rule.bands[1]!.price = '1300.00';
    b.term.end = '2030-12-31';
    const changes = diffVersions({ definition: a }, { definition: b });
    expect(changes).toContainEqual(expect.objectContaining({ area: 'pricing', path: ['bands', '#2', 'price'], to: { kind: 'amount', amount: '1300.00' } }));
    expect(changes).toContainEqual(expect.objectContaining({ area: 'term', path: ['end'], to: { kind: 'date', date: '2030-12-31' } }));
    expect(changes).toHaveLength(2);
  });

  it('says what changed in the publication terms by meaning: published, and each field PRIVATE → PUBLIC', () => {
    const a = load('london-rough-sleeping.json');
    const b = clone(a);
    b.publication = { published: true, disclosure: { title: 'PUBLIC', prices: 'PUBLIC', caps: 'PRIVATE' } };
    expect(diffVersions({ definition: a }, { definition: b })).toEqual([
      { kind: 'changed', area: 'publication', path: ['published'], field: 'published', from: { kind: 'word', word: 'terms.publishedNo' }, to: { kind: 'word', word: 'terms.publishedYes' } },
      { kind: 'changed', area: 'publication', path: ['disclosure.title'], field: 'title', from: { kind: 'word', word: 'disclosureStatus.PRIVATE' }, to: { kind: 'word', word: 'disclosureStatus.PUBLIC' } },
      { kind: 'changed', area: 'publication', path: ['disclosure.prices'], field: 'prices', from: { kind: 'word', word: 'disclosureStatus.PRIVATE' }, to: { kind: 'word', word: 'disclosureStatus.PUBLIC' } },
    ]);
    // Listing a field as PRIVATE, or dropping it, changes nothing: a field not listed is PRIVATE.
    const c = clone(b);
    c.publication = { published: true, disclosure: { title: 'PUBLIC', prices: 'PUBLIC' } };
    expect(diffVersions({ definition: b }, { definition: c })).toEqual([]);
    const d = clone(c);
    d.publication!.disclosure.prices = 'PRIVATE';
    expect(diffVersions({ definition: c }, { definition: d })).toEqual([
      { kind: 'changed', area: 'publication', path: ['disclosure.prices'], field: 'prices', from: { kind: 'word', word: 'disclosureStatus.PUBLIC' }, to: { kind: 'word', word: 'disclosureStatus.PRIVATE' } },
    ]);
  });

  it('every word a publication change uses is in the pages’ catalogue, in both languages', async () => {
    const { contractsMessages } = await import('../../../src/web/contracts/messages.ts');
    const a = load('peterborough.json');
    const b = clone(a);
    b.publication = { published: false, disclosure: {} };
    const changes = diffVersions({ definition: a }, { definition: b });
    expect(changes.length).toBeGreaterThan(1);
    for (const change of changes) {
      for (const key of [`area.${change.area}`, ...change.path.map((p) => `field.${p}`), (change.from as { word: string }).word, (change.to as { word: string }).word]) {
        expect(contractsMessages.en, key).toHaveProperty([key]);
        expect(contractsMessages.fr, key).toHaveProperty([key]);
      }
    }
  });
});
