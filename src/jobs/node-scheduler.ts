import cron from 'node-cron';
import type { Clock } from '../clock.ts';
import type { DatabaseAccess } from '../db/database.ts';
import type { Logger } from '../logging/logger.ts';
import { emitOverdueObligations } from '../usecases/webhooks.ts';
import { runDueEvaluations } from './scheduler.ts';
import { deliverDueWebhooks } from './webhook-delivery.ts';

/**
 * The scheduler inside a Node server: a sweep at start (catching up runs missed while the service
 * was down), then one every minute, each followed by the sweep for overdue obligations (webhook
 * events). Sweeps never overlap within a process; across processes the database decides who
 * evaluates what (see scheduler.ts). Webhook deliveries run on a shorter timer of their own
 * (`webhookIntervalMs`, 0: off), rounds never overlapping either (see webhook-delivery.ts).
 */
export function startNodeScheduler(
  database: DatabaseAccess, clock: Clock, logger: Logger, options: { webhookIntervalMs?: number } = {},
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const report = await runDueEvaluations(database, clock, logger);
        if (report.evaluated + report.failed > 0) logger.info({ ...report }, 'evaluation sweep');
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'evaluation sweep failed');
      }
      try {
        const overdue = await database.run((db) => emitOverdueObligations(db, clock));
        if (overdue > 0) logger.info({ overdue }, 'overdue obligations notified');
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'overdue sweep failed');
      }
    });
    return running;
  };
  let delivering: Promise<void> = Promise.resolve();
  let deliveryBusy = false;
  const deliver = () => {
    if (deliveryBusy) return;
    deliveryBusy = true;
    delivering = (async () => {
      try {
        const report = await database.run((db) => deliverDueWebhooks(db, clock, { logger }));
        if (report.attempted > 0) logger.info({ ...report }, 'webhook deliveries');
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'webhook delivery round failed');
      } finally {
        deliveryBusy = false;
      }
    })();
  };
  const interval = options.webhookIntervalMs ?? 2000;
  const timer = interval > 0 ? setInterval(deliver, interval) : undefined;
  timer?.unref?.();
  void sweep();
  const task = cron.schedule('* * * * *', () => sweep(), { name: 'outcome-ledger-evaluations', noOverlap: true });
  return {
    async stop() {
      await task.stop();
      if (timer) clearInterval(timer);
      await running;
      await delivering;
    },
  };
}
