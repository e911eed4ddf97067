import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContractDefinition } from '../../../src/domain/contract/definition.ts';
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

  it('shows a rule of an unknown kind as a visible fallback with its terms as recorded, never skipping it', () => {
    const base = examples[0]!.definition;
    const strange = { ...base, pricing: [...base.pricing, { key: 'future_rule', name: 'A rule from the future', kind: 'lottery', odds: '0.5' }] } as unknown as ContractDefinition;
    const section = termsDocument(strange).sections.find((s) => s.id === 'rule-future_rule')!;
    expect(section.ruleKind).toBe('lottery');
    expect(section.blocks.some((b) => b.kind === 'raw' && b.json.includes('"odds": "0.5"'))).toBe(true);
  });
});
