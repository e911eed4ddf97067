import type { KeyScope, OrganisationKind } from '../../db/schema.ts';

/** Who is calling: the organisation behind the API key, and the key itself — or a person of an organisation, signed in. */
export interface Principal {
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: string;
  /** The API key of the request; null when a person signed in (a web session). */
  keyId: string | null;
  /** `admin` keys also issue and revoke the organisation's keys. For a person: their organisation role. */
  keyScope: KeyScope;
  /** The person signed in (web session), or null for an API key. */
  memberId?: string | null | undefined;
  /** The web session of the request, when authenticated by its cookie. */
  sessionId?: string | null | undefined;
  /** Keys of the platform organisation administer organisations and keys; they are party to no contract. */
  isAdmin: boolean;
}
