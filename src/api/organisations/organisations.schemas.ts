import { z } from '@hono/zod-openapi';
import { PageQuery, pageOf } from '../pagination.ts';

/** org-id.guide form: a list code (country or XI/XM prefix, then the list) and the identifier; as the database checks it (migration 0011). */
export const ORG_ID_PATTERN = /^[A-Z]{2}-[A-Z0-9]+(-[A-Za-z0-9._/:]+)+$/;

export const organisationKinds = ['public_authority', 'investor', 'operator', 'evaluator', 'validator', 'intermediary'] as const;

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum([...organisationKinds, 'platform']),
    identifier: z.string().nullable().openapi({ description: 'The identifier the organisation declared at registration (org-id.guide form, e.g. GB-COH-09506232), if any' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Organisation');

export const CreateOrganisationBody = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(organisationKinds).openapi({
      description: 'What the organisation is. Its role in each contract is set by that contract, and one organisation may hold several.',
    }),
    identifier: z.string().trim().max(200).regex(ORG_ID_PATTERN, 'an org-id.guide identifier: list code and identifier, e.g. GB-COH-09506232').optional().openapi({
      description: 'The identifier the organisation declares from a registered list, in org-id.guide form (list code, then the identifier: ' +
        '`GB-COH-09506232` for a UK company, `FR-SIREN-123456789`, `GB-CHC-1234567` for a charity). Set once, at registration; ' +
        'open-data exports (INDIGO) name the organisation by it. Unique.',
      example: 'GB-COH-09506232',
    }),
  })
  .openapi('CreateOrganisation');

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to recognise it' }),
    label: z.string().nullable(),
    scope: z.enum(['admin', 'member']).openapi({ description: '`admin` keys also issue and revoke the organisation\'s keys; `member` keys do everything else the organisation may do' }),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable().openapi({
      description: 'When the key was last used, to the minute (recorded at most once a minute per key and instance); null if never',
    }),
  })
  .openapi('ApiKey');

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().nullable().openapi({ description: 'The key itself. Shown this once: only its hash is stored (null in the replayed answer to a retried request: the key is not kept).' }),
}).openapi('CreatedApiKey');

export const CreateApiKeyBody = z
  .object({
    label: z.string().trim().min(1).max(200).optional(),
    scope: z.enum(['admin', 'member']).default('member').openapi({ description: '`admin`: may also issue and revoke this organisation\'s keys. Default `member`.' }),
  })
  .openapi('CreateApiKey');

export const OrganisationParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});
export const ApiKeyParams = OrganisationParams.extend({
  keyId: z.uuid().openapi({ param: { name: 'keyId', in: 'path' } }),
});

export const ListOrganisationsQuery = z.object({ ...PageQuery, kind: z.enum(organisationKinds).optional() });
export const OrganisationPageSchema = pageOf(OrganisationSchema).openapi('OrganisationPage');

export const MeSchema = z
  .object({
    organisation: OrganisationSchema,
    keyId: z.uuid().nullable().openapi({ description: 'The calling key; null for a person signed in (session cookie)' }),
    isAdmin: z.boolean(),
    scope: z.enum(['admin', 'member']).openapi({ description: "The key's scope; for a person, the scope their organisation role acts with (`admin` or `member`)" }),
    member: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.enum(['admin', 'member']) }).nullable()
      .openapi({ description: 'The person signed in (session cookie); null for a key' }),
  })
  .openapi('Me');
