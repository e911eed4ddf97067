import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { ContractDefinition } from '../../domain/contract/definition.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { proposeAmendment } from '../../usecases/propose-amendment.ts';
import { contractPage, PageNotFound } from '../access.ts';
import { act, formKeyOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { WebContext, WebEnv } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { type VersionView, versionViews } from './data.ts';
import {
  DefinitionEditor, definitionProblems, editorAssets, organisationOptions, parseDefinitionText, PartyBindingFields, partiesOf, postedBindings,
  type Problem, problemsOfError,
} from './editor.tsx';
import { contractEditorMessages } from './editor-messages.ts';

/**
 * Proposing an amendment (issue 18): `/contracts/{id}/amend`, for the parties the permissions
 * table lets amend (`contract.amend`). The editor starts from the current terms (the pending
 * proposal, else the version in force), pretty-printed; with a description, a reason, an optional
 * effective date and the parties' organisations (to rebind one). The API's action decides
 * (usecases/propose-amendment.ts); its problems come back in the page at their paths (422). Once per
 * form (its idempotency key); then the contract's versions, where the parties approve.
 */
interface AmendState {
  key: string;
  text: string;
  description: string;
  reason: string;
  effectiveFrom: string;
  chosen: Record<string, string>;
  problems: Problem[];
  fieldErrors: Partial<Record<'description' | 'reason' | 'effectiveFrom', string>>;
  bindingErrors: Record<string, string>;
  error?: string | undefined;
  checked?: boolean;
}

/** The terms an amendment starts from: the pending proposal, else the version in force. */
function currentOf(versions: VersionView[]): VersionView | undefined {
  return versions.find((v) => v.status === 'proposed') ?? versions.find((v) => v.status === 'in_force');
}

async function amendPage(c: WebContext, current: VersionView, state: AmendState, status: 200 | 409 | 422 = 200) {
  const page = c.var.page;
  const m = page.messages(contractEditorMessages);
  const { contract } = c.var.access;
  const [organisations, assets] = await Promise.all([organisationOptions(c), editorAssets(c)]);
  const parsed = parseDefinitionText(page, state.text);
  const parties = partiesOf(parsed.value ?? current.definition);
  const title = m('amend.title', { title: contract.title });
  return render(c, (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{m('amend.intro', { version: current.number })}</p>
      {state.error ? <Notice kind="error"><p>{state.error}</p></Notice> : null}
      {state.checked && state.problems.length === 0 && !state.error ? <Notice kind="ok"><p>{m('amend.valid')}</p></Notice> : null}
      <form method="post" action={`/contracts/${contract.id}/amend`}>
        <CsrfField page={page} />
        <input type="hidden" name="key" value={state.key} />
        <DefinitionEditor page={page} value={state.text} problems={state.problems} assets={assets} />
        <Field id="description" label={m('amend.description')} hint={m('amend.descriptionHint')} value={state.description} maxlength={4000} error={state.fieldErrors.description} />
        <Field id="reason" label={m('amend.reason')} hint={m('amend.reasonHint')} value={state.reason} maxlength={4000} error={state.fieldErrors.reason} />
        <Field id="effectiveFrom" type="date" label={m('amend.effectiveFrom')} hint={m('amend.effectiveFromHint')} value={state.effectiveFrom} error={state.fieldErrors.effectiveFrom} />
        <PartyBindingFields page={page} parties={parties} organisations={organisations} chosen={state.chosen} errors={state.bindingErrors}
          legend={m('amend.rebind')} hint={m('amend.rebindHint')} />
        <div class="actions">
          <button type="submit" name="intent" value="check">{m('register.check')}</button>
          <button type="submit" name="intent" value="propose">{m('amend.submit')}</button>
        </div>
      </form>
    </Layout>
  ), status);
}

/**
 * The stored terms pretty-printed in the order a person writes them (the database keeps JSON keys
 * sorted): the definition's own order at the top, then in each object its key, name and kind first
 * and a start before its end.
 */
const TOP = Object.keys(ContractDefinition.shape);
const FIRST = ['key', 'name', 'kind', 'start', 'from', 'end', 'to'];
function ordered(value: unknown, order: readonly string[] = FIRST): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v));
  if (typeof value !== 'object' || value === null) return value;
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = Object.keys(value).map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map((x) => x.k);
  return Object.fromEntries(keys.map((k) => [k, ordered((value as Record<string, unknown>)[k])]));
}
export const prettyTerms = (definition: unknown) => JSON.stringify(ordered(definition, TOP), null, 2);

async function currentTerms(c: WebContext): Promise<VersionView> {
  const current = currentOf(await versionViews(c, c.var.access.contract.id));
  if (!current) throw new PageNotFound();
  return current;
}

export const amendPages = new Hono<WebEnv>()
  .get('/contracts/:id/amend', memberPage(), contractPage('contract.amend'), async (c) => {
    const current = await currentTerms(c);
    return amendPage(c, current, {
      key: crypto.randomUUID(), text: prettyTerms(current.definition), description: '', reason: '', effectiveFrom: '',
      chosen: { ...current.bindings }, problems: [], fieldErrors: {}, bindingErrors: {},
    });
  })

  .post('/contracts/:id/amend', memberPage(), contractPage('contract.amend'), async (c) => {
    const m = c.var.page.messages(contractEditorMessages);
    const current = await currentTerms(c);
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const state: AmendState = {
      key: formKeyOf(field('key')) ?? crypto.randomUUID(), text: field('definition'), description: field('description').trim(), reason: field('reason').trim(),
      effectiveFrom: field('effectiveFrom').trim(), chosen: {}, problems: [], fieldErrors: {}, bindingErrors: {},
    };
    const parsed = parseDefinitionText(c.var.page, state.text);
    const parties = partiesOf(parsed.value);
    state.chosen = postedBindings(field, parties);
    state.problems = parsed.problem ? [parsed.problem] : definitionProblems(parsed.value);
    if (field('intent') === 'check') return amendPage(c, current, { ...state, checked: true }, state.problems.length > 0 ? 422 : 200);

    if (!state.description) state.fieldErrors.description = m('field.required');
    if (!state.reason) state.fieldErrors.reason = m('field.required');
    if (state.effectiveFrom && !/^\d{4}-\d{2}-\d{2}$/.test(state.effectiveFrom)) state.fieldErrors.effectiveFrom = m('field.date');
    if (state.problems.length > 0 || Object.keys(state.fieldErrors).length > 0) return amendPage(c, current, state, 422);

    const contractId = c.var.access.contract.id;
    const input = {
      contractId, definition: parsed.value, description: state.description, reason: state.reason,
      ...(state.effectiveFrom ? { effectiveFrom: state.effectiveFrom } : {}),
      ...(Object.keys(state.chosen).length > 0 ? { parties: state.chosen } : {}),
    };
    const operation = 'proposeAmendment';
    try {
      await act(c, async (ctx) => ({ id: (await proposeAmendment(ctx, input)).id }), {
        idempotency: { key: state.key, operation, requestDigest: await contentDigest({ operation, body: input }) },
      });
      return seeOther(c, `/contracts/${contractId}/versions`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'validation_failed') {
        const problems = problemsOfError(error);
        const bindingErrors: Record<string, string> = {};
        for (const p of problems) if (p.path.startsWith('parties.')) bindingErrors[p.path.slice('parties.'.length)] = p.message;
        return amendPage(c, current, { ...state, problems, bindingErrors }, 422);
      }
      if (error.code === 'invalid_state' || error.code === 'conflict' || error.code === 'idempotency_key_reused') {
        return amendPage(c, current, { ...state, key: crypto.randomUUID(), error: error.message }, 409);
      }
      throw error;
    }
  });
