import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractDefinition, disclosureFields } from '../../../src/domain/contract/definition.ts';
import { knownRuleKinds, termsDocument, type TermValue, wordsOf } from '../../../src/domain/contract/terms-document.ts';
import { contractsMessages } from '../../../src/web/contracts/messages.ts';

/** The terms of every example contract as document sections: each rule has its section, nothing unknown is skipped, every word is in the catalogue. */
const examples = readdirSync('contracts').filter((f) => f.endsWith('.json')).map((f) => ({
  file: f, definition: ContractDefinition.parse(JSON.parse(readFileSync(`contracts/${f}`, 'utf8'))),
}));

const texts = (v: TermValue): string[] => {
  if (v.kind === 'text') return [v.text];
  if (v.kind === 'list') return v.items.flatMap(texts);
  if (v.kind === 'word') return Object.values(v.params ?? {}).flatMap((p) => (typeof p === 'object' ? texts(p) : [String(p)]));
  return [];
};

describe('termsDocument', () => {
  it('has examples to read', () => expect(examples.length).toBeGreaterThanOrEqual(7));

  for (const { file, definition } of examples) {
    it(`presents every rule of ${file} in its own section, with its words in both languages and no object left unwritten`, () => {
      const doc = termsDocument(definition, Object.fromEntries(definition.parties.map((p, i) => [p.key, `org-${i}`])), { 'org-0': 'First Organisation' });
      for (const rule of definition.pricing) {
        const section = doc.sections.find((s) => s.id === `rule-${rule.key}`);
        expect(section, rule.key).toBeDefined();
        expect(section!.ruleKind).toBe(rule.kind);
        expect(knownRuleKinds).toContain(rule.kind);
        expect(section!.blocks.some((b) => b.kind === 'raw')).toBe(false);
        expect(section!.heading).toEqual({ kind: 'text', text: rule.name ?? rule.key });
      }
      for (const id of ['parties', 'term', 'cohorts', 'metrics', 'caps', 'indexation', 'evaluation']) expect(doc.sections.map((s) => s.id)).toContain(id);
      if (definition.scenarios.length > 0) expect(doc.sections.filter((s) => s.id.startsWith('scenario-'))).toHaveLength(definition.scenarios.length);
      if (definition.investors.length > 0) expect(doc.sections.map((s) => s.id)).toContain('investors');
      const json = JSON.stringify(doc);
      expect(json).not.toContain('[object Object]');
      expect(json).not.toContain('undefined');
      for (const w of wordsOf(doc)) {
        expect(contractsMessages.en, w).toHaveProperty([w]);
        expect(contractsMessages.fr, w).toHaveProperty([w]);
      }
      // Every outcome name of the contract is in the document as written.
      const all = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flatMap((r) => [r.head, ...r.cells]) : b.kind === 'facts' ? b.facts.map((f) => f.value) : []))).flatMap(texts);
      for (const m of definition.metrics) expect(all, m.key).toContain(m.name);
      expect(all).toContain('First Organisation');
    });
  }

  it('writes a rate card as an annex would: price, claim limit, conditions and cap per outcome', () => {
    const london = examples.find((e) => e.file === 'london-rough-sleeping.json')!.definition;
    const doc = termsDocument(london);
    const rule = london.pricing[0]!;
    const table = doc.sections.find((s) => s.id === `rule-${rule.key}`)!.blocks.find((b) => b.kind === 'table');
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    const sustained = table.table.rows.find((r) => JSON.stringify(r.head).includes(london.metrics.find((m) => m.key === 'sustained_3_months')!.name))!;
    expect(sustained.cells[0]).toEqual({ kind: 'amount', amount: '1500.00' });
    expect(sustained.cells[1]).toEqual({ kind: 'word', word: 'claimLimit.claims.term', params: { count: 1 } });
    expect(JSON.stringify(sustained.cells[2])).toContain('terms.sustainmentReset');
  });

  it('presents Peterborough’s thresholds and pooled fallback as fractions and its price as an amount', () => {
    const peterborough = examples.find((e) => e.file === 'peterborough.json')!.definition;
    const section = termsDocument(peterborough).sections.find((s) => s.ruleKind === 'counterfactual_threshold')!;
    const facts = section.blocks[0]!.kind === 'facts' ? section.blocks[0]!.facts : [];
    expect(facts.find((f) => f.label === 'terms.cohortThreshold')?.value).toEqual({ kind: 'percent', fraction: '0.10' });
    expect(facts.find((f) => f.label === 'terms.pooledThreshold')?.value).toEqual({ kind: 'percent', fraction: '0.075' });
    expect(facts.find((f) => f.label === 'terms.pricePerUnit')?.value).toEqual({ kind: 'amount', amount: '21600.00' });
  });

  it('presents the publication terms: published or not, and every disclosure field PUBLIC or PRIVATE as the terms write it', () => {
    const peterborough = examples.find((e) => e.file === 'peterborough.json')!.definition;
    const section = termsDocument(peterborough).sections.find((s) => s.id === 'publication')!;
    expect(section.heading).toEqual({ kind: 'word', word: 'terms.publication' });
    expect(section.blocks[0]).toEqual({ kind: 'facts', facts: [{ label: 'terms.published', value: { kind: 'word', word: 'terms.publishedYes' } }] });
    const table = section.blocks[1];
    if (table?.kind !== 'table') throw new Error('expected the disclosure table');
    expect(table.table.rows.map((r) => r.head)).toEqual(disclosureFields.map((f) => ({ kind: 'word', word: `disclosure.${f}` })));
    const statusOf = (f: string) => table.table.rows.find((r) => (r.head as { word: string }).word === `disclosure.${f}`)!.cells[0];
    for (const f of disclosureFields) {
      expect(statusOf(f)).toEqual({ kind: 'word', word: `disclosureStatus.${peterborough.publication!.disclosure[f] ?? 'PRIVATE'}` });
    }
    expect(statusOf('title')).toEqual({ kind: 'word', word: 'disclosureStatus.PUBLIC' });
    expect(statusOf('prices')).toEqual({ kind: 'word', word: 'disclosureStatus.PRIVATE' });
    // A field the terms do not list is PRIVATE.
    const fewer = { ...peterborough, publication: { published: true, disclosure: { title: 'PUBLIC' as const } } };
    const fewerTable = termsDocument(fewer).sections.find((s) => s.id === 'publication')!.blocks[1];
    expect(fewerTable?.kind === 'table' && fewerTable.table.rows.filter((r) => JSON.stringify(r.cells).includes('PUBLIC')).length).toBe(1);
    // Not published (or no publication terms): said so, without a table.
    for (const unpublished of [{ ...peterborough, publication: undefined }, { ...peterborough, publication: { published: false, disclosure: { title: 'PUBLIC' as const } } }]) {
      const s = termsDocument(unpublished).sections.find((x) => x.id === 'publication')!;
      expect(s.blocks).toEqual([{ kind: 'facts', facts: [{ label: 'terms.published', value: { kind: 'word', word: 'terms.publishedNo' } }] }]);
    }
  });

  it('leaves no part of any example unwritten: metric descriptions and scales, scenario sample sizes, sources', () => {
    for (const { file, definition } of examples) {
      const doc = termsDocument(definition);
      const json = JSON.stringify(doc);
      for (const m of definition.metrics) if (m.description) expect(json, `${file} ${m.key}`).toContain(JSON.stringify(m.description).slice(1, -1));
      for (const m of definition.metrics) if (m.scale) expect(json).toContain(`"terms.perParticipants","params":{"count":{"kind":"number","value":"${m.scale}"}}`);
      if (definition.source) {
        expect(json).toContain(JSON.stringify(definition.source.notes).slice(1, -1));
        for (const url of definition.source.urls) expect(json).toContain(url);
      }
      for (const s of definition.scenarios) for (const e of s.expectations) {
        if ('treatmentSampleSize' in e && e.treatmentSampleSize !== undefined) expect(json).toContain(`"terms.treatmentSample","params":{"count":{"kind":"number","value":"${e.treatmentSampleSize}"}}`);
      }
    }
    const withData = { ...examples[0]!.definition, data: { participantReferencePattern: '^P[0-9]{6}$', spreadsheetLocale: 'fr-FR' } };
    const data = termsDocument(withData).sections.find((s) => s.id === 'data')!;
    expect(JSON.stringify(data)).toContain('^P[0-9]{6}$');
    expect(JSON.stringify(data)).toContain('fr-FR');
  });

  it('shows a rule of an unknown kind as a visible fallback with its terms as recorded, never skipping it', () => {
    const base = examples[0]!.definition;
    const strange = { ...base, pricing: [...base.pricing, { key: 'future_rule', name: 'A rule from the future', kind: 'lottery', odds: '0.5' }] } as unknown as ContractDefinition;
    const section = termsDocument(strange).sections.find((s) => s.id === 'rule-future_rule')!;
    expect(section.ruleKind).toBe('lottery');
    expect(section.blocks.some((b) => b.kind === 'raw' && b.json.includes('"odds": "0.5"'))).toBe(true);
  });
});
