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

describe('a published contract', () => {
  it('shows every PUBLIC field and nothing of a PRIVATE one, in English and in French', async () => {
    const definition = ContractDefinition.parse(published);
    const disclosure = disclosureOf(definition);
    for (const language of ['en', 'fr'] as const) {
      const visitor = new Visitor(app, { 'accept-language': language });
      const response = await visitor.get('/public/contracts/PUB-EMPLOI-7');
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
