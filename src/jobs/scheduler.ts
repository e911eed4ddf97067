import { CronExpressionParser } from 'cron-parser';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DatabaseAccess } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import { runScheduledEvaluation } from './evaluate-contract.ts';

/**
 * The scheduled evaluation. Every active contract is evaluated at each occurrence of the cron
 * expression in its definition, read in its time zone. A sweep evaluates every occurrence due
 * since the contract's last scheduled evaluation (or its activation), oldest first, so runs missed
 * while the service was down are caught up. Each occurrence is evaluated exactly once, however
 * many instances sweep at the same moment: a runner skips a contract whose row another holds
 * (`FOR UPDATE SKIP LOCKED`), re-checks inside the lock, and the evaluation's unique key
 * (contract, scheduled time) refuses a duplicate.
 */

export interface SweepReport {
  contracts: number;
  evaluated: number;
  skipped: number;
  failed: number;
}

/** Occurrences of a cron expression strictly after `from` and at or before `until`, at most `limit`. */
export function occurrencesBetween(schedule: string, timeZone: string, from: Date, until: Date, limit: number): Date[] {
  const expression = CronExpressionParser.parse(schedule, { currentDate: from, tz: timeZone });
  const out: Date[] = [];
  while (out.length < limit) {
    const next = expression.next().toDate();
    if (next.getTime() > until.getTime()) break;
    out.push(next);
  }
  return out;
}

/** The next scheduled evaluation of a contract after `after`. */
export function nextOccurrence(schedule: string, timeZone: string, after: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: after, tz: timeZone }).next().toDate();
}

interface DueContract {
  id: string;
  activated_at: Date;
  schedule: string;
  time_zone: string;
  last_scheduled: Date | null;
}

export async function runDueEvaluations(
  database: DatabaseAccess,
  clock: Clock,
  logger: Logger,
  options: { maxOccurrencesPerContract?: number } = {},
): Promise<SweepReport> {
  const limit = options.maxOccurrencesPerContract ?? 50;
  const report: SweepReport = { contracts: 0, evaluated: 0, skipped: 0, failed: 0 };
  await database.run(async (db) => {
    const { rows } = await sql<DueContract>`
      select c.id, c.activated_at, v.definition->'evaluation'->>'schedule' as schedule,
             v.definition->'evaluation'->>'timeZone' as time_zone,
             (select max(e.scheduled_for) from evaluation e where e.contract_id = c.id and e.scheduled_for is not null) as last_scheduled
      from contract c join contract_version v on v.contract_id = c.id and v.status = 'in_force'
      where c.status = 'active'
      order by c.id`.execute(db);
    const now = clock();
    for (const contract of rows) {
      report.contracts++;
      const from = new Date(contract.last_scheduled ?? contract.activated_at);
      let due: Date[];
      try {
        due = occurrencesBetween(contract.schedule, contract.time_zone, from, now, limit);
      } catch (error) {
        report.failed++;
        logger.error({ contractId: contract.id, err: String(error) }, 'invalid evaluation schedule');
        continue;
      }
      for (const scheduledFor of due) {
        try {
          const outcome = await runScheduledEvaluation(db, clock, { contractId: contract.id, scheduledFor });
          if (outcome.status === 'created') {
            report.evaluated++;
            logger.info({ contractId: contract.id, scheduledFor: scheduledFor.toISOString(), evaluationId: outcome.evaluationId }, 'scheduled evaluation');
          } else {
            report.skipped++;
            if (outcome.status === 'skipped' && outcome.reason === 'locked') break; // another instance is on this contract
          }
        } catch (error) {
          report.failed++;
          logger.error({ contractId: contract.id, scheduledFor: scheduledFor.toISOString(), err: error instanceof Error ? error.message : String(error) }, 'scheduled evaluation failed');
          break;
        }
      }
    }
  });
  return report;
}
