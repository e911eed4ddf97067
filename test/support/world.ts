import type { App } from '../../src/app.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import type { TestDatabase } from './database.ts';

export const ADMIN_KEY = 'olk_test_administrator_key_0123456789abcdef';

/** A thin HTTP client over `app.request` with a bearer key. */
export function client(app: App, key?: string) {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...extra,
  });
  return {
    get: (path: string) => app.request(path, { headers: headers() }),
    post: (path: string, body: unknown, extra: Record<string, string> = {}) =>
      app.request(path, { method: 'POST', headers: headers({ 'content-type': 'application/json', ...extra }), body: JSON.stringify(body) }),
    send: (path: string, init: RequestInit) => app.request(path, { ...init, headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) } }),
    delete: (path: string) => app.request(path, { method: 'DELETE', headers: headers() }),
  };
}

export type Client = ReturnType<typeof client>;

export interface Member {
  id: string;
  key: string;
  api: Client;
}

/** Creates an organisation with a key through the API, as the administrator. */
export async function createMember(app: App, name: string, kind: string): Promise<Member> {
  const admin = client(app, ADMIN_KEY);
  const organisation = await admin.post('/v1/organisations', { name, kind });
  if (organisation.status !== 201) throw new Error(`creating ${name}: ${organisation.status} ${await organisation.text()}`);
  const { id } = (await organisation.json()) as { id: string };
  // The organisation's admin key, as the administrator issues it on onboarding.
  const created = await admin.post(`/v1/organisations/${id}/api-keys`, { label: 'test', scope: 'admin' });
  if (created.status !== 201) throw new Error(`key for ${name}: ${created.status} ${await created.text()}`);
  const { key } = (await created.json()) as { key: string };
  return { id, key, api: client(app, key) };
}

export interface World {
  admin: Client;
  payer: Member;
  investor: Member;
  operator: Member;
  evaluator: Member;
  outsider: Member;
}

/** The administrator plus one organisation per role and an outsider party to nothing. */
export async function createWorld(database: TestDatabase, app: App): Promise<World> {
  await ensureAdministrator(database.db, ADMIN_KEY);
  return {
    admin: client(app, ADMIN_KEY),
    payer: await createMember(app, 'Test Department', 'public_authority'),
    investor: await createMember(app, 'Test Foundation', 'investor'),
    operator: await createMember(app, 'Test Charity', 'operator'),
    evaluator: await createMember(app, 'Test Evaluators', 'evaluator'),
    outsider: await createMember(app, 'Unrelated Council', 'public_authority'),
  };
}

export const bindings = (w: World) => ({
  payer: w.payer.id, investor: w.investor.id, operator: w.operator.id, evaluator: w.evaluator.id,
});

/** Registers a definition and has every required party approve it: the contract is active. */
export async function activeContract(w: World, definition: unknown, parties = bindings(w)): Promise<{ id: string; contentHash: string }> {
  const registered = await w.payer.api.post('/v1/contracts', { definition, parties });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const body = (await registered.json()) as { id: string; pendingVersion: { contentHash: string } };
  const contentHash = body.pendingVersion.contentHash;
  for (const member of [w.payer, w.investor, w.operator]) {
    const approved = await member.api.post(`/v1/contracts/${body.id}/approvals`, { contentHash });
    if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${await approved.text()}`);
  }
  return { id: body.id, contentHash };
}
