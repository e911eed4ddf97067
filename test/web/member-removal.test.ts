import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { ADMIN_KEY, client, createMember } from '../support/world.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { PASSWORD, personIn, Visitor } from './support.ts';

/**
 * Removing a person from the organisation's page, server side over a real database: an admin sees
 * "Remove …" on the others' rows (not their own), confirms on a page of its own, and the person is
 * listed among the people removed, signed out at once (their next page asks them to sign in). A
 * member sees no such link and is refused the pages (403); removing oneself is refused on the page
 * (409, said in the reader's language); a person already removed sends back to the organisation.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let orgId: string;
const ids: Record<string, string> = {};

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database);
  const org = await createMember(app, 'Atelier du Nord', 'operator');
  orgId = org.id;
  await personIn(app, orgId, 'ada@atelier.example', { name: 'Ada' });
  await personIn(app, orgId, 'bruno@atelier.example', { name: 'Bruno', locale: 'fr' });
  const invited = await client(app, org.key).post(`/v1/organisations/${orgId}/invitations`, { email: 'cleo@atelier.example', role: 'member' });
  const token = new URL(((await invited.json()) as { link: string }).link).searchParams.get('token')!;
  await app.request('/v1/invitation/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Cleo', password: PASSWORD }) });
  for (const row of await database.db.selectFrom('member').select(['id', 'name']).execute()) ids[row.name] = row.id;
}, 60_000);
afterAll(() => database?.close());

describe('removing a person from the organisation page', () => {
  it('an admin confirms on a page of its own; the person is listed as removed and signed out at once', async () => {
    const ada = new Visitor(app);
    const cleo = new Visitor(app);
    expect((await ada.signIn('ada@atelier.example')).status).toBe(303);
    expect((await cleo.signIn('cleo@atelier.example')).status).toBe(303);
    expect((await cleo.get('/organisation')).status).toBe(200);

    await ada.get('/organisation');
    const removeCleo = `/admin/organisations/${orgId}/members/${ids.Cleo}/remove`;
    expect(ada.lastHtml).toContain(`href="${removeCleo}"`);
    expect(ada.lastHtml).toContain(`href="/admin/organisations/${orgId}/members/${ids.Bruno}/remove"`);
    expect(ada.lastHtml).not.toContain(`members/${ids.Ada}/remove`);
    expect(ada.lastHtml).not.toContain('id="removed-members"');

    expect((await ada.get(removeCleo)).status).toBe(200);
    expect(textOf(ada.lastHtml)).toContain('Remove Cleo from Atelier du Nord?');
    expect(textOf(ada.lastHtml)).toContain('Cleo is signed out everywhere at once and can no longer sign in.');
    const done = await ada.post(removeCleo, {});
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/organisation?done=memberRemoved&member=${ids.Cleo}`);
    await ada.get(done.headers.get('location')!);
    expect(textOf(ada.lastHtml)).toContain('Cleo is removed from the organisation and signed out everywhere.');
    const removedTable = ada.lastHtml.slice(ada.lastHtml.indexOf('id="removed-members"'));
    expect(removedTable).toContain(`data-member-id="${ids.Cleo}"`);
    const membersTable = ada.lastHtml.slice(ada.lastHtml.indexOf('id="members"'), ada.lastHtml.indexOf('id="removed-members"'));
    expect(membersTable).not.toContain(`data-member-id="${ids.Cleo}"`);

    const after = await cleo.get('/organisation');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/sign-in/);
    expect((await cleo.signIn('cleo@atelier.example')).status).not.toBe(303);

    // Already removed: back to the organisation, which says so.
    const again = await ada.get(removeCleo);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/organisation?done=alreadyRemoved');
  });

  it('removing oneself is refused on the page, in the reader\'s language; nothing is written', async () => {
    const bruno = new Visitor(app);
    expect((await bruno.signIn('bruno@atelier.example')).status).toBe(303);
    const self = `/admin/organisations/${orgId}/members/${ids.Bruno}/remove`;
    await bruno.get(self);
    expect(textOf(bruno.lastHtml)).toContain('Retirer Bruno de Atelier du Nord ?');
    const refused = await bruno.post(self, {});
    expect(refused.status).toBe(409);
    expect(textOf(bruno.lastHtml)).toContain('Vous ne pouvez pas vous retirer vous-même');
    expect(bruno.lastHtml).not.toContain('class="danger"');
    const row = await database.db.selectFrom('member').select('removed_at').where('id', '=', ids.Bruno!).executeTakeFirstOrThrow();
    expect(row.removed_at).toBeNull();
  });

  it('a member sees no removal link and is refused its pages (403); a person of another organisation is not found (404)', async () => {
    // Eve joins as a member, invited with an admin key of the organisation
    const orgKey = ((await (await client(app, ADMIN_KEY).post(`/v1/organisations/${orgId}/api-keys`, { scope: 'admin' })).json()) as { key: string }).key;
    const invited = await client(app, orgKey).post(`/v1/organisations/${orgId}/invitations`, { email: 'eve@atelier.example', role: 'member' });
    const token = new URL(((await invited.json()) as { link: string }).link).searchParams.get('token')!;
    await app.request('/v1/invitation/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Eve', password: PASSWORD }) });
    const eve = new Visitor(app);
    expect((await eve.signIn('eve@atelier.example')).status).toBe(303);
    await eve.get('/organisation');
    expect(eve.lastHtml).not.toContain('/remove"');
    const removeAda = `/admin/organisations/${orgId}/members/${ids.Ada}/remove`;
    expect((await eve.get(removeAda)).status).toBe(403);
    await eve.get('/organisation');
    expect((await eve.post(removeAda, {})).status).toBe(403);

    const ada = new Visitor(app);
    await ada.signIn('ada@atelier.example');
    const other = await createMember(app, 'Other Council', 'public_authority');
    await personIn(app, other.id, 'olga@other.example', { name: 'Olga' });
    const olgaId = (await database.db.selectFrom('member').select('id').where('email', '=', 'olga@other.example').executeTakeFirstOrThrow()).id;
    expect((await ada.get(`/admin/organisations/${orgId}/members/${olgaId}/remove`)).status).toBe(404);
    const olga = new Visitor(app);
    await olga.signIn('olga@other.example');
    expect((await olga.get(removeAda)).status).toBe(404);
  });
});
