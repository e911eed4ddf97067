import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { organisationsExist } from '../../db/queries/organisations.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { fromIndigoProject, localOrganisationId } from '../../domain/indigo/import.ts';
import { validateIndigoProject } from '../../domain/indigo/standard.ts';
import { registerContract } from '../../usecases/register-contract.ts';
import { act, formKeyOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Layout, Notice } from '../layout.tsx';
import { registerNav } from '../nav.ts';
import { render, seeOther } from '../render.ts';
import { amendPages } from './amend.tsx';
import {
  DefinitionEditor, definitionProblems, editorAssets, exampleDefinitions, organisationOptions, parseDefinitionText,
  PartyBindingFields, type PartyView, partiesOf, postedBindings, type Problem, ProblemList, problemsOfError,
} from './editor.tsx';
import { contractEditorMessages } from './editor-messages.ts';

/**
 * Registering a contract (issue 18): `/contracts/new`. The definition is pasted, uploaded (a
 * .json file), loaded from an example, or converted from an INDIGO project record (the API's
 * conversion, domain/indigo/import.ts); the server checks it as the API does and answers the same
 * page with every problem at its path — or, once it reads, with one organisation select per party
 * (step 1). Step 2 posts the definition and the bindings to the API's action (usecases/
 * register-contract.ts, which decides who may register: an outcome payer of the contract), once
 * per form (its idempotency key), then goes to the contract's versions, where parties approve.
 * Works without JavaScript; with it, the editor checks the text live against the JSON Schema.
 */
registerNav({ href: '/contracts/new', label: (page) => page.messages(contractEditorMessages)('nav.register'), show: (v) => !v.isPlatformAdmin, order: 20 });

interface RegisterState {
  key: string;
  text: string;
  problems: Problem[];
  parties: PartyView[];
  chosen: Record<string, string>;
  bindingErrors: Record<string, string>;
  example: string;
  indigo: string;
  /** The form's error (the action's refusal), or the INDIGO import's notice. */
  error?: string | undefined;
  notice?: string | undefined;
  /** The problems of an INDIGO record that does not validate against the standard, at their paths in the record. */
  indigoProblems?: Problem[];
}

type Status = 200 | 403 | 409 | 422;

async function registerPage(c: WebContext, state: RegisterState, status: Status = 200) {
  const page: PageContext = c.var.page;
  const m = page.messages(contractEditorMessages);
  const [examples, organisations, assets] = await Promise.all([exampleDefinitions(), organisationOptions(c), editorAssets(c)]);
  const title = m('register.title');
  return render(c, (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>{m('register.intro')}</p>
      {state.error ? <Notice kind="error"><p>{state.error}</p></Notice> : null}
      {state.indigoProblems?.length ? <Notice kind="error" title={m('register.indigoInvalid')}><ProblemList page={page} problems={state.indigoProblems} /></Notice> : null}
      {state.notice ? <Notice kind="info"><p>{state.notice}</p></Notice> : null}

      <section aria-labelledby="start-heading">
        <h2 id="start-heading">{m('register.start')}</h2>
        {examples.size > 0 ? (
          <form method="post" action="/contracts/new" class="inline-form">
            <CsrfField page={page} />
            <input type="hidden" name="key" value={state.key} />
            <div class="field">
              <label for="example">{m('register.example')}</label>
              <span class="hint" id="example-hint">{m('register.exampleHint')}</span>
              <select id="example" name="example" aria-describedby="example-hint">
                {[...examples.keys()].map((f) => <option value={f} selected={f === state.example}>{f}</option>)}
              </select>
            </div>
            <div class="actions"><button type="submit" name="intent" value="example">{m('register.loadExample')}</button></div>
          </form>
        ) : null}
        <form method="post" action="/contracts/new">
          <CsrfField page={page} />
          <input type="hidden" name="key" value={state.key} />
          <div class="field">
            <label for="indigo">{m('register.indigo')}</label>
            <span class="hint" id="indigo-hint">{m('register.indigoHint')}</span>
            <textarea id="indigo" name="indigo" rows={6} cols={80} spellcheck={false} aria-describedby="indigo-hint">{state.indigo}</textarea>
          </div>
          <div class="actions"><button type="submit" name="intent" value="indigo">{m('register.importIndigo')}</button></div>
        </form>
      </section>

      <form method="post" action="/contracts/new" enctype="multipart/form-data">
        <CsrfField page={page} />
        <input type="hidden" name="key" value={state.key} />
        <div class="field">
          <label for="file">{m('register.file')}</label>
          <span class="hint" id="file-hint">{m('register.fileHint')}</span>
          <input id="file" name="file" type="file" accept=".json,application/json" aria-describedby="file-hint" />
        </div>
        <DefinitionEditor page={page} value={state.text} problems={state.problems} assets={assets} />
        {state.parties.length > 0 && state.problems.length === 0 && !state.error ? <Notice kind="ok"><p>{m('register.valid')}</p></Notice> : null}
        <PartyBindingFields page={page} parties={state.parties} organisations={organisations} chosen={state.chosen} errors={state.bindingErrors} />
        <div class="actions">
          <button type="submit" name="intent" value="check">{m('register.check')}</button>
          {state.parties.length > 0 ? <button type="submit" name="intent" value="register">{m('register.submit')}</button> : null}
        </div>
      </form>
    </Layout>
  ), status);
}

const blank = (key: string): RegisterState => ({ key, text: '', problems: [], parties: [], chosen: {}, bindingErrors: {}, example: '', indigo: '' });

/** The definition's text, its problems as the API would list them, and its parties. */
function analysed(page: PageContext, text: string): { value?: unknown; problems: Problem[]; parties: PartyView[] } {
  const parsed = parseDefinitionText(page, text);
  if (parsed.problem) return { problems: [parsed.problem], parties: [] };
  return { value: parsed.value, problems: definitionProblems(parsed.value), parties: partiesOf(parsed.value) };
}

/** An INDIGO project record (or `{ project, organisations }`) converted as the API's import converts it. */
async function fromIndigo(c: WebContext, state: RegisterState): Promise<{ state: RegisterState; status: Status }> {
  const m = c.var.page.messages(contractEditorMessages);
  const parsed = parseDefinitionText(c.var.page, state.indigo);
  if (parsed.problem) return { state: { ...state, problems: [], error: `${m('register.indigoInvalid')} ${parsed.problem.message}` }, status: 422 };
  const input = parsed.value as { project?: unknown; organisations?: unknown } | null;
  const wrapped = typeof input === 'object' && input !== null && 'project' in input && typeof input.project === 'object';
  const project = wrapped ? input.project : input;
  const organisations = wrapped && Array.isArray(input.organisations) ? input.organisations as { id: string; data: unknown }[] : undefined;
  const problems = validateIndigoProject(project, organisations ? { organisationIds: new Set(organisations.map((o) => String(o.id))) } : {});
  if (problems.length > 0) {
    const listed = problems.slice(0, 100).map((p) => ({ path: `project${p.path.replace(/\//g, '.')}`, message: p.message }));
    return { state: { ...state, problems: [], indigoProblems: listed }, status: 422 };
  }
  const imported = fromIndigoProject(project, organisations ?? []);
  const local = imported.parties.map((p) => localOrganisationId(p.organisationReference)).filter((id): id is string => Boolean(id && /^[0-9a-f-]{36}$/i.test(id)));
  const known = await organisationsExist(c.var.db, local);
  const chosen: Record<string, string> = {};
  for (const p of imported.parties) {
    const id = localOrganisationId(p.organisationReference);
    if (id && known.has(id)) chosen[p.key] = id;
  }
  const text = JSON.stringify(imported.definition, null, 2);
  const check = analysed(c.var.page, text);
  // What the record cannot carry first, then the definition's own problems not already covered by one of those.
  const general = (path: string) => path.replace(/\[\d+\]/g, '[]');
  const listed: Problem[] = imported.missing.map((x) => ({ path: x.path, message: x.why }));
  const covered = (path: string) => listed.some((x) => x.path !== '' && (general(path) === x.path || general(path).startsWith(`${x.path}.`) || general(path).startsWith(`${x.path}[`)));
  for (const p of check.problems) if (!covered(p.path)) listed.push(p);
  return { state: { ...state, text, problems: listed, parties: check.parties, chosen, notice: m('register.indigoImported') }, status: 200 };
}

export const contractEditorPages = new Hono<WebEnv>()
  .get('/contracts/new', memberPage(), async (c) => registerPage(c, blank(crypto.randomUUID())))

  .post('/contracts/new', memberPage(), async (c) => {
    const page = c.var.page;
    const m = page.messages(contractEditorMessages);
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const key = formKeyOf(field('key')) ?? crypto.randomUUID();
    const intent = field('intent');
    let state: RegisterState = { ...blank(key), text: field('definition'), example: field('example'), indigo: field('indigo') };

    if (intent === 'example') {
      const text = (await exampleDefinitions()).get(state.example);
      if (text === undefined) return registerPage(c, { ...state, error: m('register.noExample') }, 422);
      state = { ...state, text };
    } else if (intent === 'indigo') {
      const converted = await fromIndigo(c, state);
      return registerPage(c, converted.state, converted.status);
    }

    // The definition: an uploaded file, else the editor's text.
    const file = body.file;
    if (file instanceof File && file.size > 0) state = { ...state, text: await file.text() };
    const check = analysed(page, state.text);
    state = { ...state, problems: check.problems, parties: check.parties };
    const chosen = postedBindings(field, check.parties);
    state.chosen = chosen;
    if (intent !== 'register') return registerPage(c, state, check.problems.length > 0 ? 422 : 200);
    if (check.problems.length > 0) return registerPage(c, state, 422);

    const bindingErrors: Record<string, string> = {};
    for (const p of check.parties) if (!chosen[p.key]) bindingErrors[p.key] = m('parties.missing');
    if (Object.keys(bindingErrors).length > 0) return registerPage(c, { ...state, bindingErrors }, 422);

    const input = { definition: check.value, parties: chosen };
    const operation = 'registerContract';
    try {
      const registered = await act(c, async (ctx) => ({ id: (await registerContract(ctx, input)).contract.id }), {
        idempotency: { key, operation, requestDigest: await contentDigest({ operation, body: input }) },
      });
      return seeOther(c, `/contracts/${registered.id}/versions`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'validation_failed') {
        const problems = problemsOfError(error);
        const fromBindings: Record<string, string> = {};
        for (const p of problems) if (p.path.startsWith('parties.')) fromBindings[p.path.slice('parties.'.length)] = p.message;
        return registerPage(c, { ...state, problems: problems.filter((p) => !p.path.startsWith('parties.')), bindingErrors: fromBindings, error: problems.some((p) => p.path.startsWith('parties.')) ? error.message : undefined }, 422);
      }
      if (error.code === 'forbidden') return registerPage(c, { ...state, error: error.message }, 403);
      if (error.code === 'conflict' || error.code === 'idempotency_key_reused') return registerPage(c, { ...state, key: crypto.randomUUID(), error: error.message }, 409);
      throw error;
    }
  })

  .route('/', amendPages);

