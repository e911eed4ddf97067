import { Hono } from 'hono';
import type { PageContext, WebEnv } from '../context.ts';
import { registerNav } from '../nav.ts';
import { disputePages } from './disputes.tsx';
import { evaluatorMessages } from './messages.ts';
import { queuePages } from './queue.tsx';
import { resultPages } from './results.tsx';

/**
 * The evaluator's desk (issue 17): the review queue (/evaluator), a participant's records
 * (/contracts/:id/participants/:ref), bulk and one-by-one review with the count confirmed
 * (/evaluator/review/confirm → /evaluator/review), and the disputes pages (/disputes,
 * /contracts/:id/disputes/:disputeId) for evaluators and payers; the aggregate results, reviewed the
 * same way (/evaluator/results → /evaluator/results/confirm → /evaluator/results/review).
 */
export const evaluatorPages = new Hono<WebEnv>().route('/', queuePages).route('/', disputePages).route('/', resultPages);

registerNav({
  href: '/evaluator', label: (page: PageContext) => page.messages(evaluatorMessages)('nav.queue'),
  show: (v) => v.organisationKind === 'evaluator' || v.organisationKind === 'validator', order: 50,
});
