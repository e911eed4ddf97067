import { ApiError } from '../api/errors/api-error.ts';
import { PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { findOrganisation } from '../db/queries/organisations.ts';
import { findMember, lockCurrentMembers, revokeMemberSessions, updateMember } from '../db/queries/people.ts';
import type { Member } from '../db/schema.ts';
import type { WriteContext } from './context.ts';
import { requireOrganisationPermission } from './members.ts';

/** Why a removal is refused (409), for the pages to say it in the reader's language. */
export type RemovalRefusal = 'self' | 'last_admin' | 'already_removed';

export class MemberRemovalRefused extends ApiError {
  constructor(readonly reason: RemovalRefusal, detail: string) {
    super('invalid_state', detail, { errors: [{ location: 'path', path: 'memberId', message: reason.replace('_', ' ') }] });
  }
}

export interface MemberRemoved {
  member: Member;
  /** The person's sessions still open, ended by the removal. */
  sessionsEnded: number;
}

/**
 * A person leaves an organisation: one of its admins (or the platform administrator) removes them.
 * From the commit on, their sessions are ended everywhere (the person is signed out of every
 * browser at once), they cannot sign in, and their address may be invited again (a new account).
 * The person's row stays, with when and by whom they were removed, so everything they did keeps
 * naming them; the audit entry `member.removed` records it on the platform chain.
 *
 * Refused, nothing written: someone removing themselves (another admin does it, so the act is
 * witnessed), the organisation's last admin (invite another admin first: an organisation with no
 * admin could neither invite nor manage its keys), and a person already removed (409).
 *
 * The organisation's members are locked in id order before the decision, so two admins removing
 * each other at the same moment cannot both succeed and leave the organisation without an admin.
 * Keys the person issued stay the organisation's: revoke them apart if they should go too.
 */
export async function removeMember(ctx: WriteContext, input: { organisationId: string; memberId: string }): Promise<MemberRemoved> {
  requireOrganisationPermission(ctx.actor, 'members.remove', input.organisationId);
  if (!(await findOrganisation(ctx.trx, input.organisationId))) throw new ApiError('not_found', 'No such organisation.');
  const members = await lockCurrentMembers(ctx.trx, input.organisationId);
  // A person removed while this request waited for the lock (two admins removing each other) acts no more.
  if (ctx.actor.memberId && ctx.actor.organisationId === input.organisationId && !members.some((m) => m.id === ctx.actor.memberId)) {
    throw new ApiError('unauthenticated', 'This account was removed by its organisation.');
  }
  const target = members.find((m) => m.id === input.memberId);
  if (!target) {
    const removed = await findMember(ctx.trx, input.memberId);
    if (removed?.removed_at && removed.organisation_id === input.organisationId) throw new MemberRemovalRefused('already_removed', `This person was already removed, at ${removed.removed_at.toISOString()}.`);
    throw new ApiError('not_found', 'No such person in this organisation.');
  }
  if (target.id === ctx.actor.memberId) {
    throw new MemberRemovalRefused('self', 'You cannot remove yourself: another admin of your organisation does it.');
  }
  if (target.role === 'admin' && !members.some((m) => m.role === 'admin' && m.id !== target.id)) {
    throw new MemberRemovalRefused('last_admin', "This is the organisation's last admin: invite another admin first, then remove this one.");
  }
  const member = await updateMember(ctx.trx, target.id, {
    removed_at: ctx.now, removed_by_member_id: ctx.actor.memberId ?? null, removed_by_key_id: ctx.actor.memberId ? null : ctx.actor.apiKeyId,
  });
  const sessionsEnded = await revokeMemberSessions(ctx.trx, member.id, ctx.now);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.removed', entityType: 'member', entityId: member.id, state: member });
  return { member, sessionsEnded };
}
