import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { inviteFirstPlatformAdmin } from '../usecases/members.ts';
import { runWrite } from '../usecases/run-write.ts';
import type { Clock } from '../clock.ts';

/**
 * While the platform has no person yet, each start issues an invitation for its first
 * administrator — a person, beside the administrator's API key — and returns its link to print
 * once (only the hash of its token is stored). Earlier links stay valid until they expire.
 */
export async function firstAdministratorInvitation(
  db: Kysely<Database>, config: Config, clock: Clock, platformOrganisationId: string,
): Promise<{ token: string; expiresAt: Date } | null> {
  const outcome = await runWrite(db, {
    actor: { organisationId: platformOrganisationId, apiKeyId: null, keyScope: 'admin', isAdmin: true, requestId: null, memberId: null },
    clock,
  }, async (ctx) => {
    await sql`select pg_advisory_xact_lock(hashtext('outcome-ledger:first-invitation'))`.execute(ctx.trx);
    const created = await inviteFirstPlatformAdmin(ctx, { platformOrganisationId, ttlHours: config.INVITATION_TTL_HOURS });
    return { status: 200, body: created ? { token: created.token, expiresAt: created.invitation.expires_at } : null };
  });
  return outcome.response.body;
}

/** Prints the link on stderr (stdout carries the JSON logs), as the first API key is printed. */
export function announceFirstInvitation(link: string, expiresAt: Date): void {
  process.stderr.write(
    '\n' +
      '  Outcome Ledger: the platform has no administrator account yet. Open this link to create yours\n' +
      `  (it works once, until ${expiresAt.toISOString()}; a new one is printed at each start until then):\n\n` +
      `    ${link}\n\n`,
  );
}
