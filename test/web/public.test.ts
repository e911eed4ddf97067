import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractDefinition, type ContractDefinitionInput } from '../../src/domain/contract/definition.ts';
import { disclosureFields, disclosureOf, fieldValues } from '../../src/domain/contract/disclosure.ts';
import { dec } from '../../src/domain/money/money.ts';
import { formatDate } from '../../src/web/format.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, bindings, createWorld, type World } from '../support/world.ts';
import { SMALL_COUNT_THRESHOLD, suppressCounts } from '../../src/web/public/suppression.ts';
import { Visitor } from './support.ts';

/**
 * The public pages (issue 18), server side over a real database, no sign-in: a published
 * contract's page shows every PUBLIC field and nothing of a PRIVATE one (compared with the
 * disclosure list, value by value), no participant reference on the page or in its public INDIGO
 * export, the audit head is the chain's latest entry; unpublished, draft or unknown → the 404
 * page; the list shows published contracts only; an amendment turning publication on shows the
 * page only once every party approved it.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let publishedId: string;

const PARTICIPANTS = ['P-778899', 'P-778900'];

/** Distinctive values, so that a private one cannot appear on the page by chance. */
const published: ContractDefinitionInput = rateCardDefinition({
  reference: 'PUB-EMPLOI-7',
  title: 'Emploi durable en Val-Vert',
  jurisdiction: 'GB-SCT',
  term: { start: '2024-01-01', end: '2026-12-31' },
  payers: [{ party: 'payer', maximumCommitment: '98765.43' }],
  investors: [{ party: 'investor', commitment: '50123.45', seniority: 'senior', returnCap: { kind: 'irr', annualRate: '0.1137' } }],
  cohorts: [{ key: 'cohort_1', name: 'Cohorte Zéphyr', enrolment: { start: '2024-02-01', end: '2024-11-29' }, followUpMonths: 12, recordingLagMonths: 3, expectedParticipants: 4321 }],
  pricing: [{
    key: 'rate_card', kind: 'rate_card',
    outcomes: [{ metric: 'job_entry', price: '2617.43' }, { metric: 'job_sustained', price: '1049.87', requires: ['job_entry'] }],
    participantCap: '3071.19',
  }],
  publication: {
    published: true,
    disclosure: { title: 'PUBLIC', parties: 'PUBLIC', term: 'PUBLIC', outcomeMetrics: 'PUBLIC', targets: 'PUBLIC', outcomesAchieved: 'PUBLIC', paymentsMade: 'PUBLIC', prices: 'PRIVATE' },
  },
});

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  publishedId = (await activeContract(world, published)).id;
  const csv = ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...PARTICIPANTS.map((p) => `${p},job_entry,cohort_1,2024-03-01,,payslip`)].join('\n');
  const upload = await world.operator.api.send(`/v1/contracts/${publishedId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  if (upload.status !== 201) throw new Error(await upload.text());
  const submission = await json(upload);
  expect((await world.evaluator.api.post(`/v1/contracts/${publishedId}/claims/reviews`, { decision: 'validated', filter: { submissionId: submission.id } })).status).toBe(200);
  const evaluation = await json(await world.payer.api.post(`/v1/contracts/${publishedId}/evaluations`, { asOf: '2025-06-30' }));
  const obligation = evaluation.evaluation.obligations[0];
  expect(obligation.amount).toBe('5234.86');
  const settled = await world.payer.api.post(`/v1/contracts/${publishedId}/settlements`, { obligationId: obligation.id, amount: '5234.86', currency: 'GBP', settledOn: new Date().toISOString().slice(0, 10) });
  if (settled.status !== 201) throw new Error(await settled.text());
  // Not published: no publication terms; publication terms saying no; a draft that would be published.
  await activeContract(world, rateCardDefinition({ reference: 'HIDDEN-1', title: 'Contrat discret un' }));
  await activeContract(world, rateCardDefinition({ reference: 'HIDDEN-2', title: 'Contrat discret deux', publication: { published: false, disclosure: { title: 'PUBLIC' } } }));
  const draft = await world.payer.api.post('/v1/contracts', { definition: rateCardDefinition({ reference: 'DRAFT-1', title: 'Contrat en projet', publication: { published: true, disclosure: { title: 'PUBLIC' } } }), parties: bindings(world) });
  expect(draft.status).toBe(201);
}, 240_000);
afterAll(() => database?.close());

/** The text a reader sees: no head, no tags (asset URLs and ids in attributes are not content), no audit hash, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<code id="audit-head">[^<]*<\/code>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}
/** Digits and letters only: "£2,617.43", "2 617,43 £" and "2617.43" all become 261743. */
const squeeze = (text: string) => text.replace(/[\s\u00a0\u202f,.'’]/g, '');

/** The forms a value may take on a page: as written, formatted as a date, as a percentage. */
function forms(value: string): string[] {
  const out = [value];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) out.push(formatDate(value, 'en'), formatDate(value, 'fr'));
  if (/^0\.\d+$/.test(value)) out.push(dec(value).times(100).toFixed());
  return out;
}

/** The page of `reference` shows every PUBLIC field of `input` and nothing of a PRIVATE one, in the language asked; its visible text. */
async function expectMatchesDisclosure(input: ContractDefinitionInput, reference: string, language: 'en' | 'fr'): Promise<string> {
  const definition = ContractDefinition.parse(input);
  const disclosure = disclosureOf(definition);
  const visitor = new Visitor(app, { 'accept-language': language });
  const response = await visitor.get(`/public/contracts/${reference}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
  const text = visibleText(visitor.lastHtml);
  const shown = new Set(disclosureFields.filter((f) => disclosure[f] === 'PUBLIC').flatMap((f) => fieldValues(definition, f)));
  for (const field of disclosureFields) {
    for (const value of fieldValues(definition, field)) {
      if (disclosure[field] === 'PUBLIC') {
        const seen = forms(value).some((form) => text.includes(form) || (value.length > 2 && squeeze(text).includes(squeeze(form))));
        // The unit of a metric is shown as written; dates formatted in the page's language.
        expect(seen, `${language}: PUBLIC ${field} "${value}" is on the page`).toBe(true);
      } else if (!shown.has(value)) {
        for (const form of forms(value)) {
          expect(text.includes(form), `${language}: PRIVATE ${field} "${form}" is not on the page`).toBe(false);
          if (form.length > 3 && /\d/.test(form)) expect(squeeze(text).includes(squeeze(form)), `${language}: PRIVATE ${field} "${form}" (digits)`).toBe(false);
        }
      }
    }
  }
  return text;
}

describe('a published contract', () => {
  it('shows every PUBLIC field and nothing of a PRIVATE one, in English and in French', async () => {
    for (const language of ['en', 'fr'] as const) {
      const text = await expectMatchesDisclosure(published, 'PUB-EMPLOI-7', language);
      // Measured fields: outcomes achieved (aggregate counts) and payments made (settled total).
      expect(text).toContain(language === 'fr' ? 'Résultats atteints' : 'Outcomes achieved');
      expect(squeeze(text)).toContain('523486');
      // The parties' roles, translated; the status of the contract.
      expect(text).toContain(language === 'fr' ? 'payeur' : 'outcome payer');
    }
  });

  it('never shows a participant reference, on the page or in its public INDIGO export', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/public/contracts/PUB-EMPLOI-7');
    const page = visitor.lastHtml;
    const response = await app.request('/public/contracts/PUB-EMPLOI-7/indigo.json');
    expect(response.status).toBe(200);
    const exported = await response.text();
    for (const ref of PARTICIPANTS) {
      expect(page).not.toContain(ref);
      expect(exported).not.toContain(ref);
    }
  });

  it('links its INDIGO export, which holds only the sections whose fields are all PUBLIC', async () => {
    const visitor = new Visitor(app);
    await visitor.get('/public/contracts/PUB-EMPLOI-7');
    expect(visitor.lastHtml).toContain('href="/public/contracts/PUB-EMPLOI-7/indigo.json"');
    const response = await app.request('/public/contracts/PUB-EMPLOI-7/indigo.json');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    const text = await response.text();
    const body = JSON.parse(text);
    expect(body.standard.name).toBeTruthy();
    expect(body.project.name.value).toBe('Emploi durable en Val-Vert');
    expect(body.project.dates).toBeUndefined(); // its service dates are the cohorts' span: the cohorts are PRIVATE
    expect(body.project.outcome_pricings).toBeUndefined();
    expect(body.project.notes).toBeUndefined();
    const definition = ContractDefinition.parse(published);
    const disclosure = disclosureOf(definition);
    const shown = new Set(disclosureFields.filter((f) => disclosure[f] === 'PUBLIC').flatMap((f) => fieldValues(definition, f)));
    for (const field of disclosureFields.filter((f) => disclosure[f] === 'PRIVATE')) {
      for (const value of fieldValues(definition, field).filter((v) => !shown.has(v))) {
        expect(text.includes(value), `PRIVATE ${field} "${value}" is not in the export`).toBe(false);
        if (/^\d+\.\d+$/.test(value)) expect(text.includes(String(Number(value))), `PRIVATE ${field} ${Number(value)} (number)`).toBe(false);
      }
    }
  });

  it('shows the latest audit head hash of the contract\'s chain', async () => {
    const latest = await database.db.selectFrom('audit_entry').select(['entry_hash', 'seq']).where('chain', '=', publishedId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const visitor = new Visitor(app);
    await visitor.get('/public/contracts/PUB-EMPLOI-7');
    expect(visitor.lastHtml).toContain(`<code id="audit-head">${latest.entry_hash}</code>`);
  });

  it('answers 304 to a revalidation with its ETag', async () => {
    const first = await app.request('/public/contracts/PUB-EMPLOI-7/indigo.json');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await app.request('/public/contracts/PUB-EMPLOI-7/indigo.json', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('contracts not published', () => {
  it('answer the 404 page (and a 404 for the export): unpublished, published: false, draft, unknown', async () => {
    for (const reference of ['HIDDEN-1', 'HIDDEN-2', 'DRAFT-1', 'NO-SUCH-CONTRACT']) {
      const visitor = new Visitor(app);
      const response = await visitor.get(`/public/contracts/${reference}`);
      expect(response.status, reference).toBe(404);
      expect(visitor.lastHtml).toContain('<h1>');
      expect((await app.request(`/public/contracts/${reference}/indigo.json`)).status, reference).toBe(404);
    }
  });

  it('are not in the list, which shows the published ones', async () => {
    const visitor = new Visitor(app, { 'accept-language': 'fr' });
    const response = await visitor.get('/public/');
    expect(response.status).toBe(200);
    const html = visitor.lastHtml;
    expect(html).toContain('Contrats publiés');
    expect(html).toContain('href="/public/contracts/PUB-EMPLOI-7"');
    expect(html).toContain('Emploi durable en Val-Vert');
    for (const hidden of ['HIDDEN-1', 'HIDDEN-2', 'DRAFT-1', 'Contrat discret', 'Contrat en projet']) expect(html).not.toContain(hidden);
  });
});

describe('an amendment turning publication on', () => {
  it('shows the page only once every required party has approved it', async () => {
    const { id } = await activeContract(world, rateCardDefinition({ reference: 'LATER-1', title: 'Publié plus tard' }));
    const amended = rateCardDefinition({ reference: 'LATER-1', title: 'Publié plus tard', publication: { published: true, disclosure: { title: 'PUBLIC' } } });
    const proposal = await world.payer.api.post(`/v1/contracts/${id}/amendments`, { definition: amended, description: 'Publication', reason: 'Transparency' });
    expect(proposal.status).toBe(201);
    const { contentHash } = await json(proposal);
    const status = async () => (await new Visitor(app).get('/public/contracts/LATER-1')).status;
    expect(await status()).toBe(404);
    for (const member of [world.payer, world.investor]) {
      expect((await member.api.post(`/v1/contracts/${id}/approvals`, { contentHash })).status).toBe(200);
      expect(await status()).toBe(404);
    }
    expect((await world.operator.api.post(`/v1/contracts/${id}/approvals`, { contentHash })).status).toBe(200);
    expect(await status()).toBe(200);
    const visitor = new Visitor(app);
    await visitor.get('/public/');
    expect(visitor.lastHtml).toContain('Publié plus tard');
  });
});

describe('a published threshold contract', () => {
  it('shows each cohort\'s result against the disclosed thresholds, without the price per unit or the caps', async () => {
    const { id } = await activeContract(world, aggregateDefinition({
      reference: 'PUB-SEUIL-1', title: 'Récidive — seuils publiés',
      pricing: [{ key: 'reoffending', kind: 'counterfactual_threshold', metric: 'reconvictions', cohorts: ['cohort_1', 'cohort_2'], cohortThreshold: '0.10', pricePerUnit: '8311.27', pooled: { threshold: '0.075' } }],
      publication: { published: true, disclosure: { title: 'PUBLIC', cohorts: 'PUBLIC', outcomeMetrics: 'PUBLIC', targets: 'PUBLIC', outcomesAchieved: 'PUBLIC' } },
    }));
    const header = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';
    const r = await world.operator.api.send(`/v1/contracts/${id}/results`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${header}\nreconvictions,cohort_1,,2025-12-31,142,155,1000,9000,PSM,v1,Evaluator\n` });
    expect(r.status).toBe(201);
    expect((await world.evaluator.api.post(`/v1/contracts/${id}/results/reviews`, { decision: 'validated', filter: {} })).status).toBe(200);
    for (const [language, threshold, pooled] of [['en', '10 %', '7.5 %'], ['fr', '10 %', '7,5 %']] as const) {
      const visitor = new Visitor(app, { 'accept-language': language });
      expect((await visitor.get('/public/contracts/PUB-SEUIL-1')).status).toBe(200);
      const text = visibleText(visitor.lastHtml);
      expect(text).toContain('Cohort 1');
      expect(text).toContain('Reconviction events per 100');
      expect(text).toContain(threshold);
      expect(text).toContain(pooled);
      expect(text).toMatch(/\b142\b/);
      expect(text).toMatch(/\b155\b/);
      expect(squeeze(text)).not.toContain('831127');
      expect(squeeze(text)).not.toContain('100000');
    }
  });
});

describe('small counts of participants (statistical disclosure control)', () => {
  it('suppresses 1 to 9, shows zero, and withholds a total that would give a suppressed cell away', () => {
    expect(SMALL_COUNT_THRESHOLD).toBe(10);
    const fewer = { kind: 'fewer', than: 10 };
    const { rows, total } = suppressCounts([{ outcomes: 14, participants: 14 }, { outcomes: 3, participants: 3 }, { outcomes: 0, participants: 0 }]);
    expect(rows).toEqual([
      { outcomes: { kind: 'count', value: 14 }, participants: { kind: 'count', value: 14 } },
      { outcomes: fewer, participants: fewer },
      { outcomes: { kind: 'count', value: 0 }, participants: { kind: 'count', value: 0 } },
    ]);
    expect(total).toEqual({ outcomes: { kind: 'withheld' }, participants: { kind: 'withheld' } });
    // Many outcomes of few people: the people "fewer than 10", their outcomes not shown.
    expect(suppressCounts([{ outcomes: 25, participants: 4 }]).rows[0]).toEqual({ outcomes: { kind: 'withheld' }, participants: fewer });
    // A small total is "fewer than 10"; with no cell suppressed, the total is shown.
    expect(suppressCounts([{ outcomes: 2, participants: 2 }, { outcomes: 1, participants: 1 }]).total).toEqual({ outcomes: fewer, participants: fewer });
    expect(suppressCounts([{ outcomes: 12, participants: 10 }, { outcomes: 0, participants: 0 }]).total).toEqual({ outcomes: { kind: 'count', value: 12 }, participants: { kind: 'count', value: 10 } });
    // Whatever the counts, no small non-zero number is ever shown, and a shown total never sits beside a suppressed cell.
    for (let seed = 0; seed < 500; seed++) {
      const counts = Array.from({ length: 1 + (seed % 4) }, (_, i) => { const p = (seed * 7 + i * 13) % 23; return { participants: p, outcomes: p + ((seed + i) % 3) * (p > 0 ? 1 : 0) }; });
      const out = suppressCounts(counts);
      for (const cell of [...out.rows.flatMap((r) => [r.outcomes, r.participants]), out.total.outcomes, out.total.participants]) {
        if (cell.kind === 'count') expect(cell.value === 0 || cell.value >= 10, JSON.stringify(counts)).toBe(true);
      }
      if (out.rows.some((r) => r.participants.kind !== 'count')) expect(out.total.participants.kind, JSON.stringify(counts)).not.toBe('count');
    }
  });

  const SMALL: ContractDefinitionInput = rateCardDefinition({
    reference: 'PUB-PETITS-1',
    title: 'Petits effectifs publiés',
    jurisdiction: 'GB-WLS',
    // Distinctive private values (none may appear on the page by chance, e.g. in "fewer than 10").
    payers: [{ party: 'payer', maximumCommitment: '96431.27' }],
    investors: [{ party: 'investor', commitment: '51234.56', seniority: 'senior', returnCap: { kind: 'irr', annualRate: '0.1173' } }],
    pricing: [{ key: 'rate_card', kind: 'rate_card', outcomes: [{ metric: 'job_entry', price: '2611.37' }, { metric: 'job_sustained', price: '1013.59', requires: ['job_entry'] }], participantCap: '3077.71' }],
    cohorts: ['Alpha', 'Beta', 'Gamma'].map((name, i) => ({
      key: `cohort_${i + 1}`, name: `Cohort ${name}`, enrolment: { start: '2024-01-01', end: '2024-12-31' }, followUpMonths: 12, recordingLagMonths: 3,
    })),
    publication: { published: true, disclosure: { title: 'PUBLIC', cohorts: 'PUBLIC', outcomeMetrics: 'PUBLIC', outcomesAchieved: 'PUBLIC' } },
  });

  /** The table of outcomes achieved of one metric, as HTML. */
  const outcomesTable = (html: string, metric: string) => {
    const table = [...html.matchAll(/<table class="outcomes">[\s\S]*?<\/table>/g)].map((x) => x[0]).find((t) => t.includes(metric));
    expect(table, metric).toBeDefined();
    return table!;
  };
  const row = (table: string, head: string) => [...(table.match(new RegExp(`<th scope="row">${head}</th>([\\s\\S]*?)</tr>`))?.[1] ?? '').matchAll(/<td class="num">([^<]*)<\/td>/g)].map((x) => x[1]);

  it('shows a cohort of fewer than 10 participants as "fewer than 10" / "moins de 10", never its number, nor a total that gives it away', async () => {
    const { id } = await activeContract(world, SMALL);
    // Cohort Alpha: 14 entries to employment (11 sustained); Cohort Beta: 3 entries; Cohort Gamma: none.
    const lines = [
      ...Array.from({ length: 14 }, (_, i) => `P-5100${String(i).padStart(2, '0')},job_entry,cohort_1,2024-03-01,,payslip`),
      ...Array.from({ length: 11 }, (_, i) => `P-5100${String(i).padStart(2, '0')},job_sustained,cohort_1,2024-09-20,,payslip`),
      ...Array.from({ length: 3 }, (_, i) => `P-5200${String(i).padStart(2, '0')},job_entry,cohort_2,2024-03-01,,payslip`),
    ];
    const upload = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...lines].join('\n'),
    });
    if (upload.status !== 201) throw new Error(await upload.text());
    const submission = await json(upload);
    expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: { submissionId: submission.id } })).status).toBe(200);

    for (const [language, fewer, withheld, total] of [['en', 'fewer than 10', 'not shown', 'All cohorts'], ['fr', 'moins de 10', 'non affiché', 'Toutes les cohortes']] as const) {
      await expectMatchesDisclosure(SMALL, 'PUB-PETITS-1', language);
      const visitor = new Visitor(app, { 'accept-language': language });
      await visitor.get('/public/contracts/PUB-PETITS-1');
      const entries = outcomesTable(visitor.lastHtml, 'Entry to employment');
      expect(row(entries, 'Cohort Alpha')).toEqual(['14', '14']);
      expect(row(entries, 'Cohort Beta')).toEqual([fewer, fewer]);
      expect(row(entries, 'Cohort Gamma')).toEqual(['0', '0']);
      // 17 would give Beta away (17 − 14 − 0): the total is not shown.
      expect(row(entries, total)).toEqual([withheld, withheld]);
      expect(entries).not.toMatch(/>\s*(3|17)\s*</);
      // A table with nothing small shows its total.
      const sustained = outcomesTable(visitor.lastHtml, 'Employment sustained 26 weeks');
      expect(row(sustained, 'Cohort Alpha')).toEqual(['11', '11']);
      expect(row(sustained, total)).toEqual(['11', '11']);
      expect(visitor.lastHtml).toContain(language === 'en' ? 'is shown as “fewer than 10”' : 'est indiqué « moins de 10 »');
    }

    // The public INDIGO export: the same rule, no small number of participants.
    const response = await app.request('/public/contracts/PUB-PETITS-1/indigo.json');
    expect(response.status).toBe(200);
    const body = await json(response);
    const results = body.project.results as { outcomes_achieved: { value: string }; number_with_positive_social_outcomes?: { value: number }; notes: string }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const n = r.number_with_positive_social_outcomes?.value;
      if (n !== undefined) expect(n === 0 || n >= 10, r.outcomes_achieved.value).toBe(true);
      expect(r.outcomes_achieved.value).not.toMatch(/\b[1-9] (validated outcome|participant)/);
    }
    const beta = results.find((r) => r.notes.includes('"job_entry"') && r.notes.includes('"cohort_2"'))!;
    expect(beta.number_with_positive_social_outcomes).toBeUndefined();
    expect(beta.outcomes_achieved.value).toBe('Entry to employment: fewer than 10 participants (small numbers are not published)');
    const alpha = results.find((r) => r.notes.includes('"job_entry"') && r.notes.includes('"cohort_1"'))!;
    expect(alpha.number_with_positive_social_outcomes).toEqual({ value: 14 });
  });
});
