import type { KeyScope, OrganisationKind } from '../../db/schema.ts';

/** Who is calling: the organisation behind the API key, and the key itself. */
export interface Principal {
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: string;
  keyId: string;
  /** `admin` keys also issue and revoke the organisation's keys. */
  keyScope: KeyScope;
  /** Keys of the platform organisation administer organisations and keys; they are party to no contract. */
  isAdmin: boolean;
}
