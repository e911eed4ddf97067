import cron from 'node-cron';
import type { Clock } from '../clock.ts';
import type { DatabaseAccess } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import { runDueEvaluations } from './scheduler.ts';

/**
 * The scheduler inside a Node server: a sweep at start (catching up runs missed while the service
 * was down), then one every minute. Sweeps never overlap within a process; across processes the
 * database decides who evaluates what (see scheduler.ts).
 */
export function startNodeScheduler(database: DatabaseAccess, clock: Clock, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const report = await runDueEvaluations(database, clock, logger);
        if (report.evaluated + report.failed > 0) logger.info({ ...report }, 'evaluation sweep');
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'evaluation sweep failed');
      }
    });
    return running;
  };
  void sweep();
  const task = cron.schedule('* * * * *', () => sweep(), { name: 'outcome-ledger-evaluations', noOverlap: true });
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
