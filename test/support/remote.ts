/** Minimal HTTP helpers against a server process (the in-process helpers are in world.ts). */
export function remote(url: string, key: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
  };
}

/** Creates the four parties of the test rate card on a server, registers it and has it approved. Returns keys and ids. */
export async function remoteActiveContract(url: string, adminKey: string, definition: unknown) {
  const admin = remote(url, adminKey);
  const members: Record<string, { id: string; key: string }> = {};
  for (const [party, kind] of [['payer', 'public_authority'], ['investor', 'investor'], ['operator', 'operator'], ['evaluator', 'evaluator']] as const) {
    const org = await admin.post('/v1/organisations', { name: `Remote ${party}`, kind });
    const key = await admin.post(`/v1/organisations/${org.id}/api-keys`, {});
    members[party] = { id: org.id, key: key.key };
  }
  const parties = Object.fromEntries(Object.entries(members).map(([k, v]) => [k, v.id]));
  const contract = await remote(url, members.payer!.key).post('/v1/contracts', { definition, parties });
  for (const party of ['payer', 'investor', 'operator']) {
    await remote(url, members[party]!.key).post(`/v1/contracts/${contract.id}/approvals`, { contentHash: contract.pendingVersion.contentHash });
  }
  return { contractId: contract.id as string, members };
}
