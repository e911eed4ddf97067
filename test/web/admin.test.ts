import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiKeys } from '../../src/db/queries/api-keys.ts';
import { findPlatformOrganisation } from '../../src/db/queries/organisations.ts';
import { requiresTotp } from '../../src/db/queries/people.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startSmtpReceiver } from '../support/smtp-receiver.ts';
import { client, createWorld, type World } from '../support/world.ts';
import { csrfOf, PASSWORD, personIn, Visitor } from './support.ts';

/**
 * The administration pages, server side, over a real database: the platform administrator
 * registers an organisation and invites its first admin (the link shown once, and it opens the
 * acceptance page); that admin invites a member, issues a key (a double submit issues one),
 * revokes it (the API then refuses it) and requires TOTP; a member sees the people read-only and
 * is refused every form (403); another organisation's admin finds nothing (404). Errors are named
 * in the form (422).
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let platformId: string;
let atelierId: string;
let adaLink: string;

const idempotencyKeyOf = (html: string, action: string): string => {
  const form = html.slice(html.indexOf(`action="${action}"`));
  return /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!;
};
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const linkOf = (html: string) => /<code class="secret" id="invitation-link"[^>]*>([^<]+)<\/code>/.exec(html)?.[1]?.replace(/&amp;/g, '&');
const keyOf = (html: string) => /<code class="secret" id="api-key"[^>]*>([^<]+)<\/code>/.exec(html)?.[1];

async function acceptThroughPage(link: string, name: string, headers: Record<string, string> = {}): Promise<void> {
  const visitor = new Visitor(app, headers);
  const path = new URL(link).pathname + new URL(link).search;
  const page = await visitor.get(path);
  expect(page.status).toBe(200);
  expect(visitor.lastHtml).toMatch(/Create your account|Créer votre compte/);
  const token = new URL(link).searchParams.get('token')!;
  const created = await visitor.post('/invitation', { token, name, password: PASSWORD, confirm: PASSWORD });
  expect(created.status).toBe(303);
  expect(created.headers.get('location')).toMatch(/^\/sign-in\?done=welcome/);
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  platformId = (await findPlatformOrganisation(database.db))!.id;
  await personIn(app, platformId, 'pat@platform.example', { name: 'Pat Platform' });
  await personIn(app, world.outsider.id, 'otto@council.example', { name: 'Otto Outsider' });
}, 120_000);
afterAll(() => database?.close());

describe('the platform administrator', () => {
  it('registers an organisation (errors in the form; a double submit registers one) and invites its first admin: the link shown once opens the acceptance page', async () => {
    const pat = new Visitor(app);
    expect((await pat.signIn('pat@platform.example')).status).toBe(303);
    const list = await pat.get('/admin/organisations');
    expect(list.status).toBe(200);
    expect(pat.lastHtml).toContain('Test Charity');
    expect(pat.lastHtml).toMatch(/href="\/admin\/organisations"[^>]*aria-current="page"/);
    const formKey = idempotencyKeyOf(pat.lastHtml, '/admin/organisations');

    // A wrong identifier: 422, named in the form, the values kept.
    const wrong = await pat.post('/admin/organisations', { idempotencyKey: formKey, name: 'Atelier Solidaire', kind: 'operator', identifier: 'not an id' });
    expect(wrong.status).toBe(422);
    expect(pat.lastHtml).toContain('id="org-identifier-error"');
    expect(pat.lastHtml).toMatch(/<input id="org-identifier"[^>]*aria-invalid="true"/);
    expect(pat.lastHtml).toContain('value="Atelier Solidaire"');
    expect(pat.lastHtml).toContain('href="#org-identifier"');

    const fields = { idempotencyKey: formKey, name: 'Atelier Solidaire', kind: 'operator', identifier: 'FR-SIREN-552100554' };
    const registered = await pat.post('/admin/organisations', fields);
    expect(registered.status).toBe(303);
    const location = registered.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/organisations\/[0-9a-f-]{36}\?done=registered$/);
    atelierId = location.split('/')[3]!.split('?')[0]!;
    // The same form sent again: the same organisation, none registered twice.
    await pat.get('/admin/organisations');
    const again = await pat.post('/admin/organisations', fields);
    expect(again.headers.get('location')).toBe(location);
    const all = await (await world.admin.get('/v1/organisations?limit=100')).json() as { items: { name: string }[] };
    expect(all.items.filter((o) => o.name === 'Atelier Solidaire')).toHaveLength(1);

    const page = await pat.get(location);
    expect(page.status).toBe(200);
    expect(textOf(pat.lastHtml)).toContain('The organisation Atelier Solidaire is registered');
    expect(pat.lastHtml).toContain('FR-SIREN-552100554');
    // The platform administrator invites admins only: no role choice, and no TOTP requirement to set (the table says so).
    expect(pat.lastHtml).toContain('Invite an administrator');
    expect(pat.lastHtml).toContain('<input type="hidden" name="role" value="admin"/>');
    expect(pat.lastHtml).not.toContain(`action="/admin/organisations/${atelierId}/security"`);

    const inviteKey = idempotencyKeyOf(pat.lastHtml, `/admin/organisations/${atelierId}/invitations`);
    const invite = { idempotencyKey: inviteKey, email: 'ada@atelier.example', name: 'Ada', role: 'admin', locale: '' };
    const bad = await pat.post(`/admin/organisations/${atelierId}/invitations`, { ...invite, email: 'not-an-address' });
    expect(bad.status).toBe(422);
    expect(pat.lastHtml).toContain('id="invite-email-error"');
    expect(textOf(pat.lastHtml)).toContain('Enter an e-mail address');
    const invited = await pat.post(`/admin/organisations/${atelierId}/invitations`, invite);
    expect(invited.status).toBe(200);
    expect(textOf(pat.lastHtml)).toContain('shown only once');
    expect(textOf(pat.lastHtml)).toContain('No e-mail server is configured');
    adaLink = linkOf(pat.lastHtml)!;
    expect(adaLink).toMatch(/^http:\/\/localhost\/invitation\?token=/);
    // The same form sent again: the stored answer, without the link; one invitation only.
    const replay = await pat.post(`/admin/organisations/${atelierId}/invitations`, invite, csrfOf(pat.lastHtml));
    expect(replay.status).toBe(200);
    expect(linkOf(pat.lastHtml)).toBeUndefined();
    expect(textOf(pat.lastHtml)).toContain('This form had already been sent');
    const pending = await (await world.admin.get(`/v1/organisations/${atelierId}/invitations`)).json() as { items: { email: string }[] };
    expect(pending.items.map((i) => i.email)).toEqual(['ada@atelier.example']);
    // The organisation's page lists it, without its link.
    await pat.get(`/admin/organisations/${atelierId}`);
    expect(pat.lastHtml).toContain('ada@atelier.example');
    expect(pat.lastHtml).not.toContain(new URL(adaLink).searchParams.get('token')!);

    await acceptThroughPage(adaLink, 'Ada Admin');
  });
});

describe('invitations by e-mail', () => {
  it('with SMTP configured, the page both shows the link once and e-mails it to the invitee', async () => {
    const { port, received, close } = await startSmtpReceiver();
    try {
      const mailing = createTestApp(database, { config: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Outcome Ledger <ledger@test.example>', PUBLIC_URL: 'https://ledger.example.org' } });
      const pat = new Visitor(mailing);
      expect((await pat.signIn('pat@platform.example')).status).toBe(303);
      await pat.get(`/admin/organisations/${world.evaluator.id}`);
      const action = `/admin/organisations/${world.evaluator.id}/invitations`;
      const invited = await pat.post(action, { idempotencyKey: idempotencyKeyOf(pat.lastHtml, action), email: 'eva@evaluators.example', name: 'Eva', role: 'admin', locale: 'fr' });
      expect(invited.status).toBe(200);
      const link = linkOf(pat.lastHtml)!;
      expect(link).toMatch(/^https:\/\/ledger\.example\.org\/invitation\?token=oli_/);
      expect(textOf(pat.lastHtml)).toContain('The link was also sent by e-mail to eva@evaluators.example.');
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toBe('eva@evaluators.example');
      const body = received[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      expect(body).toContain(new URL(link).searchParams.get('token')!);
    } finally {
      await close();
    }
  });
});

describe("an organisation's admin", () => {
  let ada: Visitor;
  let memberLink: string;

  beforeAll(async () => {
    ada = new Visitor(app);
    expect((await ada.signIn('ada@atelier.example')).status).toBe(303);
  });

  it('sees the members and invites a member (the link shown once)', async () => {
    const page = await ada.get('/organisation');
    expect(page.status).toBe(200);
    expect(ada.lastHtml).toContain('Organisation Atelier Solidaire');
    expect(ada.lastHtml).toMatch(/<th scope="row">Ada Admin<\/th><td>ada@atelier.example<\/td><td>administrator<\/td>/);
    expect(ada.lastHtml).toContain('name="role" value="member" checked=""');
    const inviteKey = idempotencyKeyOf(ada.lastHtml, `/admin/organisations/${atelierId}/invitations`);
    const invited = await ada.post(`/admin/organisations/${atelierId}/invitations`, { idempotencyKey: inviteKey, email: 'bob@atelier.example', name: 'Bob', role: 'member', locale: 'fr' });
    expect(invited.status).toBe(200);
    memberLink = linkOf(ada.lastHtml)!;
    expect(memberLink).toContain('/invitation?token=');
    expect(textOf(ada.lastHtml)).toContain('bob@atelier.example is invited to join Atelier Solidaire as member');
    // Someone who already has an account: named in the form.
    await ada.get('/organisation');
    const taken = await ada.post(`/admin/organisations/${atelierId}/invitations`, {
      idempotencyKey: idempotencyKeyOf(ada.lastHtml, `/admin/organisations/${atelierId}/invitations`), email: 'ada@atelier.example', role: 'member', name: '', locale: '',
    });
    expect(taken.status).toBe(422);
    expect(textOf(ada.lastHtml)).toContain('already has an account');
    expect(ada.lastHtml).toContain('id="invite-email-error"');
    await acceptThroughPage(memberLink, 'Bob Membre', { 'accept-language': 'fr-FR,fr;q=0.9' });
    await ada.get('/organisation');
    expect(ada.lastHtml).toContain('bob@atelier.example');
  });

  it('issues a key (the secret shown once; a double submit issues one), revokes it after a confirmation, and the API refuses it', async () => {
    await ada.get('/organisation');
    const action = `/admin/organisations/${atelierId}/api-keys`;
    const fields = { idempotencyKey: idempotencyKeyOf(ada.lastHtml, action), label: 'monthly upload', scope: 'member' };
    const issued = await ada.post(action, fields);
    expect(issued.status).toBe(200);
    const key = keyOf(ada.lastHtml)!;
    expect(key).toMatch(/^olk_/);
    expect(textOf(ada.lastHtml)).toContain('it is shown only this once');
    const replay = await ada.post(action, fields, csrfOf(ada.lastHtml));
    expect(replay.status).toBe(200);
    expect(keyOf(ada.lastHtml)).toBeUndefined();
    expect(textOf(ada.lastHtml)).toContain('and only one');
    const keys = await listApiKeys(database.db, atelierId);
    expect(keys).toHaveLength(1);
    const row = keys[0]!;
    expect(row.label).toBe('monthly upload');
    expect(row.scope).toBe('member');

    const api = client(app, key);
    expect((await api.get('/v1/me')).status).toBe(200);

    await ada.get('/organisation');
    expect(ada.lastHtml).toContain(`href="/admin/organisations/${atelierId}/api-keys/${row.id}/revoke"`);
    const confirm = await ada.get(`/admin/organisations/${atelierId}/api-keys/${row.id}/revoke`);
    expect(confirm.status).toBe(200);
    expect(textOf(ada.lastHtml)).toContain('This cannot be undone');
    expect((await api.get('/v1/me')).status).toBe(200); // nothing revoked by looking
    const revoked = await ada.post(`/admin/organisations/${atelierId}/api-keys/${row.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe(`/organisation?done=revoked&key=${row.id}`);
    expect((await api.get('/v1/me')).status).toBe(401);
    await ada.get(revoked.headers.get('location')!);
    expect(textOf(ada.lastHtml)).toContain(`Key ${row.key_prefix}… is revoked.`);
    expect(ada.lastHtml).toContain('revoked on');
    // Revoking it again: said so, nothing written.
    const twice = await ada.post(`/admin/organisations/${atelierId}/api-keys/${row.id}/revoke`, {});
    expect(twice.headers.get('location')).toBe('/organisation?done=alreadyRevoked');
  });

  it('withdraws a pending invitation (its link then refused), by the page as by the API (revokeInvitation)', async () => {
    await ada.get('/organisation');
    const action = `/admin/organisations/${atelierId}/invitations`;
    await ada.post(action, { idempotencyKey: idempotencyKeyOf(ada.lastHtml, action), email: 'carol@atelier.example', name: '', role: 'member', locale: '' });
    const carolLink = linkOf(ada.lastHtml)!;
    const token = new URL(carolLink).searchParams.get('token')!;
    expect((await app.request(`/v1/invitation?token=${encodeURIComponent(token)}`)).status).toBe(200);
    await ada.get('/organisation');
    const id = /<tr data-invitation-id="([^"]+)"><th scope="row">carol@atelier.example/.exec(ada.lastHtml)![1]!;
    expect(ada.lastHtml).toContain(`action="/admin/organisations/${atelierId}/invitations/${id}/revoke"`);
    const withdrawn = await ada.post(`/admin/organisations/${atelierId}/invitations/${id}/revoke`, {});
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toBe(`/organisation?done=invitationRevoked&invitation=${id}`);
    await ada.get(withdrawn.headers.get('location')!);
    expect(textOf(ada.lastHtml)).toContain('The invitation of carol@atelier.example is withdrawn');
    expect(ada.lastHtml).not.toContain(`data-invitation-id="${id}"`);
    expect((await app.request(`/v1/invitation?token=${encodeURIComponent(token)}`)).status).toBe(409);
    expect((await new Visitor(app).get(new URL(carolLink).pathname + new URL(carolLink).search)).status).toBe(409);
    const audit = await database.db.selectFrom('audit_entry').select(['member_id']).where('action', '=', 'invitation.revoked').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.member_id).not.toBeNull();
    // Again: nothing to withdraw.
    expect((await ada.post(`/admin/organisations/${atelierId}/invitations/${id}/revoke`, {})).headers.get('location')).toBe('/organisation?done=invitationGone');

    // The API: the platform administrator's key withdraws one; a key of another organisation may not (403); twice: 409.
    const invited = await world.admin.post(`/v1/organisations/${atelierId}/invitations`, { email: 'dan@atelier.example', role: 'admin' });
    const { id: danId } = (await invited.json()) as { id: string };
    expect((await world.outsider.api.delete(`/v1/organisations/${atelierId}/invitations/${danId}`)).status).toBe(403);
    const revoked = await world.admin.delete(`/v1/organisations/${atelierId}/invitations/${danId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get('audit-receipt')).toMatch(/^platform:/);
    expect(((await revoked.json()) as { id: string }).id).toBe(danId);
    expect((await world.admin.delete(`/v1/organisations/${atelierId}/invitations/${danId}`)).status).toBe(409);
    expect((await world.admin.delete(`/v1/organisations/${atelierId}/invitations/${world.outsider.id}`)).status).toBe(404);
  });

  it('requires TOTP of the organisation', async () => {
    await ada.get('/organisation');
    expect(ada.lastHtml).toMatch(/name="totp" value="optional" checked=""/);
    const saved = await ada.post(`/admin/organisations/${atelierId}/security`, { totp: 'required' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/organisation?done=totpRequired');
    expect(await requiresTotp(database.db, atelierId)).toBe(true);
    await ada.get('/organisation?done=totpRequired');
    expect(ada.lastHtml).toMatch(/name="totp" value="required" checked=""/);
    expect(textOf(ada.lastHtml)).toContain('now required');
    // Back to optional, so that the people below sign in with a password only.
    await ada.post(`/admin/organisations/${atelierId}/security`, { totp: 'optional' });
    expect(await requiresTotp(database.db, atelierId)).toBe(false);
  });

  it('a form without its CSRF token is refused (403), nothing written', async () => {
    await ada.get('/organisation');
    const refused = await ada.post(`/admin/organisations/${atelierId}/api-keys`, { label: 'forged', scope: 'admin' }, null);
    expect(refused.status).toBe(403);
    expect((await listApiKeys(database.db, atelierId)).some((k) => k.label === 'forged')).toBe(false);
  });
});

describe('a plain member', () => {
  it("sees the organisation's people read-only, in French, and is refused every form (403)", async () => {
    const bob = new Visitor(app);
    expect((await bob.signIn('bob@atelier.example')).status).toBe(303);
    const page = await bob.get('/organisation');
    expect(page.status).toBe(200);
    expect(bob.lastHtml).toContain('<html lang="fr">');
    expect(bob.lastHtml).toContain('Membres de Atelier Solidaire');
    expect(bob.lastHtml).toContain('ada@atelier.example');
    expect(bob.lastHtml).not.toContain('/invitations"');
    expect(bob.lastHtml).not.toContain('/api-keys');
    expect(bob.lastHtml).not.toContain('/security"');
    for (const [path, fields] of [
      [`/admin/organisations/${atelierId}/invitations`, { email: 'eve@atelier.example', role: 'member' }],
      [`/admin/organisations/${atelierId}/api-keys`, { scope: 'admin' }],
      [`/admin/organisations/${atelierId}/security`, { totp: 'required' }],
    ] as const) {
      const refused = await bob.post(path, fields);
      expect(refused.status, path).toBe(403);
      await bob.get('/organisation');
    }
    expect((await bob.get(`/admin/organisations/${atelierId}/api-keys/${(await listApiKeys(database.db, atelierId))[0]!.id}/revoke`)).status).toBe(403);
    expect((await bob.get('/admin/organisations')).status).toBe(404);
    expect((await listApiKeys(database.db, atelierId))).toHaveLength(1);
  });
});

describe("another organisation's admin", () => {
  it("finds nothing of ours: the 404 page for the organisation's page and for its forms posted by URL", async () => {
    const otto = new Visitor(app);
    expect((await otto.signIn('otto@council.example')).status).toBe(303);
    await otto.get('/organisation');
    expect(otto.lastHtml).toContain('Organisation Unrelated Council');
    const keyId = (await listApiKeys(database.db, atelierId))[0]!.id;
    expect((await otto.get(`/admin/organisations/${atelierId}`)).status).toBe(404);
    expect((await otto.get(`/admin/organisations/${atelierId}/api-keys/${keyId}/revoke`)).status).toBe(404);
    for (const [path, fields] of [
      [`/admin/organisations/${atelierId}/invitations`, { email: 'mallory@council.example', role: 'admin' }],
      [`/admin/organisations/${atelierId}/api-keys`, { scope: 'admin' }],
      [`/admin/organisations/${atelierId}/security`, { totp: 'required' }],
      [`/admin/organisations/${atelierId}/api-keys/${keyId}/revoke`, {}],
      [`/admin/organisations/${atelierId}/invitations/${keyId}/revoke`, {}],
    ] as const) {
      await otto.get('/organisation');
      const refused = await otto.post(path, fields);
      expect(refused.status, path).toBe(404);
    }
    expect((await otto.get('/admin/organisations')).status).toBe(404);
    expect((await otto.get('/admin/organisations/not-a-uuid')).status).toBe(404);
    expect((await listApiKeys(database.db, atelierId))).toHaveLength(1);
  });
});
