import { z } from '@hono/zod-openapi';
import { chainEntries, toFields } from '../../db/queries/audit.ts';
import { verifyAuditChain } from '../../db/queries/audit-verify.ts';
import { parseReceipt, RECEIPT_PATTERN } from '../../domain/audit/receipt.ts';
import { contractRoute } from '../auth/contract-access.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { createRouter } from '../router.ts';
import { reportAuditVerificationFailure } from '../../usecases/webhooks.ts';
import { contractReader } from '../read-replica.ts';

const AuditEntrySchema = z
  .object({
    id: z.uuid(), seq: z.number().int(), action: z.string(), entityType: z.string(), entityId: z.string(),
    stateDigest: z.string(), organisationId: z.uuid().nullable(), apiKeyId: z.uuid().nullable(), requestId: z.string().nullable(),
    recordedAt: z.iso.datetime(), previousHash: z.string(), entryHash: z.string(),
    memberId: z.uuid().optional().openapi({ description: 'The person who did it, when a person signed in did (covered by the entry hash; absent otherwise)' }),
  })
  .openapi('AuditEntry');

const list = contractRoute('audit.read', {
  method: 'get',
  path: '/v1/contracts/{id}/audit',
  operationId: 'listAuditEntries',
  tags: ['Audit trail'],
  summary: "The contract's audit trail, oldest first",
  description:
    'Every write concerning the contract — versions, approvals, data, reviews, evaluations, obligations, drawdowns, ' +
    'settlements, distributions — with who (organisation, key), what, which entity, the digest of its new state, when ' +
    'and the request id. Entries form a hash chain: each entry hash covers the previous one.',
  request: {
    params: ContractIdParams,
    query: z.object({
      afterSeq: z.coerce.number().int().min(0).optional().openapi({ description: 'Entries after this sequence number' }),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: {
    200: { description: 'Entries', content: { 'application/json': { schema: z.object({ items: z.array(AuditEntrySchema), nextAfterSeq: z.number().int().nullable() }).openapi('AuditPage') } } },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

const verify = contractRoute('audit.read', {
  method: 'get',
  path: '/v1/contracts/{id}/audit/verify',
  operationId: 'verifyAuditTrail',
  tags: ['Audit trail'],
  summary: "Verify the contract's audit trail",
  description:
    'Recomputes the hash chain and names the first broken link (`links`); re-reads every entity the chain speaks of ' +
    '(the contract, its versions and their party bindings, approvals, data submissions, review batches, evaluations, obligations, drawdowns, ' +
    'settlements, distributions) and checks its rows against the state digest of the latest entry about it (`states`: ' +
    'mismatches in entry order; entries from before states were recorded this way count as `unverifiable`); with ' +
    "`deep=true`, re-reads each evaluation's data at its ledger sequence number and checks its digest (`evaluations`). " +
    'With `receipt` — the `Audit-Receipt` header of an earlier write, `<contract id>:<seq>:<entryHash>`, or `<seq>:<entryHash>` — ' +
    'also proves that write is still recorded: `receipt.inChain` is true only when entry `seq` of this chain carries exactly ' +
    'that hash and the chain links from it up to its head. A chain cut short still links, but the receipts of its removed ' +
    'entries are no longer in it: keep receipts to detect that. `ok` is false when anything fails (a receipt not in the ' +
    'chain included); `firstProblem` names the first discrepancy in a sentence (null when `ok`).',
  request: {
    params: ContractIdParams,
    query: z.object({
      deep: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      receipt: z
        .string()
        .regex(RECEIPT_PATTERN, 'must be an audit receipt, <seq>:<entryHash> or <chain>:<seq>:<entryHash> as in the Audit-Receipt header')
        .optional()
        .openapi({
          description: 'An audit receipt to prove still in the chain: the `Audit-Receipt` header of a write (`<chain>:<seq>:<entryHash>`), or `<seq>:<entryHash>`',
          example: '12:sha256:9f2c0d6be1a4f7d2c3b5a6e8f0d1c2b3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9',
        }),
    }),
  },
  responses: {
    200: { description: 'The verification (ok false names what is broken)', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('AuditVerification') } } },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const auditRouter = createRouter()
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param');
    const { afterSeq, limit } = c.req.valid('query');
    const rows = await chainEntries(await contractReader(c), id, { afterSeq: afterSeq ?? 0, limit: limit + 1 });
    const items = rows.slice(0, limit).map((e) => {
      const { chain: _, ...fields } = toFields(e);
      return fields;
    });
    return c.json({ items, nextAfterSeq: rows.length > limit ? items[items.length - 1]!.seq : null }, 200);
  })
  .openapi(verify, async (c) => {
    const { id } = c.req.valid('param');
    const { deep, receipt } = c.req.valid('query');
    const parsed = receipt === undefined ? undefined : parseReceipt(receipt) ?? undefined;
    const report = await verifyAuditChain(c.var.db, id, { deep, ...(parsed ? { receipt: parsed } : {}) });
    // A break is told to the parties' webhooks (once per problem); the answer does not wait on it failing.
    await reportAuditVerificationFailure(c.var.db, c.var.deps.clock, report).catch((error: unknown) => {
      c.var.deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'reporting an audit verification failure');
    });
    return c.json(report as unknown as Record<string, unknown>, 200);
  });
