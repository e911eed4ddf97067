import type { Kysely } from 'kysely';
import type { Contract, Database } from '../../db/schema.ts';

/** What is due next on a contract, for the home page. */
export type NextDue =
  | { kind: 'payment'; amount: string; currency: string; on: string }
  | { kind: 'evaluation'; on: string }
  | { kind: 'approval'; version: number };

/** Placeholder until the status queries are wired in: nothing known to be due. */
export async function nextDueByContract(_db: Kysely<Database>, _contracts: readonly Contract[], _organisationId: string, _now: Date): Promise<Map<string, NextDue>> {
  return new Map();
}
