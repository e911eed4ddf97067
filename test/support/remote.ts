/** Minimal HTTP helpers against a server process (the in-process helpers are in world.ts). */
export function remote(url: string, key: string) {
  const call = async (method: string, path: string, body?: { type: string; content: string | ReadableStream<Uint8Array> }) => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': body.type } : {}) },
      ...(body ? { body: body.content, ...(body.content instanceof ReadableStream ? { duplex: 'half' } : {}) } : {}),
    } as RequestInit);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, { type: 'application/json', content: JSON.stringify(body) }),
    /** A CSV upload: a string, or a stream sent as it is generated. */
    postCsv: (path: string, csv: string | ReadableStream<Uint8Array>) => call('POST', path, { type: 'text/csv', content: csv }),
  };
}

export type RemoteMembers = Record<string, { id: string; key: string }>;

/** The four parties of the test rate card (organisations named `${prefix} <party>`), each with an API key. */
export async function remoteMembers(url: string, adminKey: string, prefix = 'Remote'): Promise<RemoteMembers> {
  const admin = remote(url, adminKey);
  const members: RemoteMembers = {};
  for (const [party, kind] of [['payer', 'public_authority'], ['investor', 'investor'], ['operator', 'operator'], ['evaluator', 'evaluator']] as const) {
    const org = await admin.post('/v1/organisations', { name: `${prefix} ${party}`, kind });
    const key = await admin.post(`/v1/organisations/${org.id}/api-keys`, {});
    members[party] = { id: org.id, key: key.key };
  }
  return members;
}

/** Registers a contract between `members` and has payer, investor and operator approve it. Returns its id. */
export async function remoteActivate(url: string, members: RemoteMembers, definition: unknown): Promise<string> {
  const parties = Object.fromEntries(Object.entries(members).map(([k, v]) => [k, v.id]));
  const contract = await remote(url, members.payer!.key).post('/v1/contracts', { definition, parties });
  for (const party of ['payer', 'investor', 'operator']) {
    await remote(url, members[party]!.key).post(`/v1/contracts/${contract.id}/approvals`, { contentHash: contract.pendingVersion.contentHash });
  }
  return contract.id as string;
}

/** Creates the four parties of the test rate card on a server, registers it and has it approved. Returns keys and ids. */
export async function remoteActiveContract(url: string, adminKey: string, definition: unknown) {
  const members = await remoteMembers(url, adminKey);
  return { contractId: await remoteActivate(url, members, definition), members };
}

const PASSWORD = 'benchmark password 0123456789';

/** A person of `organisationId` (invited with the administrator's key, invitation accepted), signed in: their session cookie. */
export async function signedInPerson(server: { url: string }, admin: string, organisationId: string, email: string): Promise<string> {
  const { link } = await remote(server.url, admin).post(`/v1/organisations/${organisationId}/invitations`, { email, role: 'admin' }) as { link: string };
  const token = new URL(link).searchParams.get('token')!;
  const accept = async (path: string, body: unknown) => {
    const response = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  await accept('/v1/invitation/accept', { token, name: email.split('@')[0], password: PASSWORD });
  const session = await accept('/v1/session', { email, password: PASSWORD });
  const cookie = session.headers.getSetCookie().map((line) => line.split(';')[0]!).find((pair) => pair.includes('ol_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}
