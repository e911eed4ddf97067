import { readdir, readFile } from 'node:fs/promises';
import type { ApiError } from '../../api/errors/api-error.ts';
import { formatPath } from '../../api/errors/zod-problems.ts';
import { listOrganisations } from '../../db/queries/organisations.ts';
import { validateDefinition } from '../../domain/contract/validate.ts';
import { assetsOf } from '../auth.ts';
import type { PageContext, WebContext } from '../context.ts';
import { Notice } from '../layout.tsx';
import { contractEditorMessages } from './editor-messages.ts';

/**
 * The contract definition editor shared by the register and amend pages (issue 18): a textarea
 * holding the definition as JSON, the problems the server found (each at its path), and — when
 * the page's module script and the JSON Schema validator are served — a live check in the page
 * against the published JSON Schema (assets/definition-editor.ts). Without JavaScript the forms
 * post the text and the server answers with the same problems.
 */

export interface Problem {
  /** Where in the definition (`term.end`, `pricing[0].cohortThreshold`, `parties.moj`); '' for the whole. */
  path: string;
  message: string;
}

export interface PartyView { key: string; name: string; roles: string[] }
export interface OrganisationOption { id: string; name: string; kind: string }

/** The parsed JSON, or a problem with the line and column of the syntax error. */
export function parseDefinitionText(page: PageContext, text: string): { value?: unknown; problem?: Problem } {
  const m = page.messages(contractEditorMessages);
  if (text.trim() === '') return { problem: { path: '', message: m('editor.empty') } };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /line (\d+) column (\d+)/.exec(message);
    let line = at ? Number(at[1]) : 1;
    let column = at ? Number(at[2]) : 1;
    const position = /position (\d+)/.exec(message);
    if (!at) {
      const offset = position ? Number(position[1]) : text.length;
      const before = text.slice(0, offset).split('\n');
      line = before.length;
      column = before[before.length - 1]!.length + 1;
    }
    return { problem: { path: '', message: m('editor.syntax', { line, column, message }) } };
  }
}

/** The definition checked as the API checks it (structure, then relations): its problems at their paths. */
export function definitionProblems(value: unknown): Problem[] {
  const result = validateDefinition(value);
  return result.ok ? [] : result.problems.map((p) => ({ path: formatPath(p.path), message: p.message }));
}

/** The parties a definition names (as far as it can be read), for the binding selects. */
export function partiesOf(value: unknown): PartyView[] {
  const parties = (value as { parties?: unknown } | null)?.parties;
  if (!Array.isArray(parties)) return [];
  const seen = new Set<string>();
  const out: PartyView[] = [];
  for (const p of parties) {
    if (typeof p !== 'object' || p === null) continue;
    const { key, name, roles } = p as { key?: unknown; name?: unknown; roles?: unknown };
    if (typeof key !== 'string' || key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, name: typeof name === 'string' ? name : key, roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [] });
  }
  return out;
}

/** The problems of an API error (422) for the page: `definition.` prefixes dropped (the editor holds the definition). */
export function problemsOfError(error: ApiError): Problem[] {
  const errors = error.errors ?? [];
  if (errors.length === 0) return [{ path: '', message: error.message }];
  return errors.map((e) => ({ path: e.path.replace(/^definition(\.|$)/, ''), message: e.message }));
}

/** Organisations a party may be bound to (every one but the platform's), by name. */
export async function organisationOptions(c: WebContext): Promise<OrganisationOption[]> {
  const rows = await listOrganisations(c.var.db, { limit: 1000 });
  return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The `party.<key>` fields of a posted form, for the given parties (empty ones left out). */
export function postedBindings(field: (name: string) => string, parties: PartyView[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parties) {
    const id = field(`party.${p.key}`).trim();
    if (id) out[p.key] = id;
  }
  return out;
}

let examples: Promise<Map<string, string>> | undefined;
/**
 * The example contracts shipped in `contracts/*.json` (by file name), read once. Where there is no
 * file system (Workers), none: the page then offers no example.
 */
export function exampleDefinitions(): Promise<Map<string, string>> {
  return (examples ??= (async () => {
    try {
      const dir = new URL('../../../contracts/', import.meta.url);
      const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
      return new Map(await Promise.all(files.map(async (f) => [f, await readFile(new URL(f, dir), 'utf8')] as const)));
    } catch {
      return new Map<string, string>();
    }
  })());
}

/** The URLs the editor's live check needs, when the app serves them. */
export async function editorAssets(c: WebContext): Promise<{ script?: string; validator?: string }> {
  const assets = await assetsOf(c.var.deps);
  return assets.jsonSchema && assets.definitionEditor ? { script: assets.definitionEditor, validator: assets.jsonSchema } : {};
}

export function ProblemList(props: { page: PageContext; problems: Problem[] }) {
  const m = props.page.messages(contractEditorMessages);
  return (
    <ul class="problems">
      {props.problems.map((p) => <li><code>{p.path || m('editor.root')}</code>: {p.message}</li>)}
    </ul>
  );
}

/** The editor: the labelled textarea, the server's problems, and the live check's region (filled by the page's script). */
export function DefinitionEditor(props: { page: PageContext; value: string; problems: Problem[]; assets: { script?: string; validator?: string } }) {
  const { page, problems, assets } = props;
  const m = page.messages(contractEditorMessages);
  const live = Boolean(assets.script && assets.validator);
  const described = ['definition-hint', problems.length ? 'definition-problems' : null].filter(Boolean).join(' ');
  return (
    <div
      class="definition-editor" data-definition-editor={live ? '' : undefined}
      data-validator={assets.validator} data-schema="/v1/schemas/contract-definition" data-check="/v1/schemas/contract-definition/validate"
      data-msg-syntax={m('editor.syntax')} data-msg-count={m('editor.problemCount')} data-msg-valid={m('editor.liveValid')}
      data-msg-loading={m('editor.liveLoading')} data-msg-unavailable={m('editor.liveUnavailable')} data-msg-root={m('editor.root')} data-msg-empty={m('editor.empty')}
      data-msg-checking={m('editor.serverChecking')} data-msg-server-valid={m('editor.serverValid')} data-msg-server-failed={m('editor.serverFailed')}
    >
      <div class="field">
        <label for="definition">{m('editor.label')}</label>
        <span class="hint" id="definition-hint">{m('editor.hint')}</span>
        <textarea id="definition" name="definition" rows={24} cols={80} spellcheck={false} autocomplete="off" aria-describedby={described}
          aria-invalid={problems.length ? 'true' : undefined}>{props.value}</textarea>
      </div>
      {problems.length ? (
        <div id="definition-problems">
          <Notice kind="error" title={m('editor.problems')}>
            <p>{m('editor.problemCount', { count: problems.length })}</p>
            <ProblemList page={page} problems={problems} />
          </Notice>
        </div>
      ) : null}
      {live ? (
        <section class="panel" aria-labelledby="live-heading" data-live hidden>
          <h2 id="live-heading">{m('editor.live')}</h2>
          <p class="hint">{m('editor.liveHint')}</p>
          <div role="status" aria-live="polite" aria-atomic="true" data-live-problems>
            <p>{m('editor.liveLoading')}</p>
          </div>
          <p><button type="button" data-server-check>{m('editor.serverCheck')}</button></p>
          <div role="status" aria-live="polite" aria-atomic="true" data-server-problems></div>
        </section>
      ) : null}
      {live ? <script type="module" src={assets.script}></script> : null}
    </div>
  );
}

/** One select per party of the definition, listing the organisations (`party.<key>`). */
export function PartyBindingFields(props: {
  page: PageContext; parties: PartyView[]; organisations: OrganisationOption[]; chosen: Record<string, string>; errors?: Record<string, string>;
  legend?: string; hint?: string;
}) {
  const { page } = props;
  const m = page.messages(contractEditorMessages);
  if (props.parties.length === 0) return null;
  return (
    <fieldset>
      <legend>{props.legend ?? m('parties.title')}</legend>
      <p class="hint">{props.hint ?? m('parties.hint')}</p>
      {props.parties.map((p) => {
        const id = `party-${p.key}`;
        const error = props.errors?.[p.key];
        const roles = p.roles.map((r) => page.t(`role.${r}` as never)).join(', ');
        return (
          <div class="field">
            <label for={id}>{m('parties.label', { name: p.name, roles })}</label>
            {error ? <span class="error-text" id={`${id}-error`}>{error}</span> : null}
            <select id={id} name={`party.${p.key}`} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
              <option value="">{m('parties.choose')}</option>
              {props.organisations.map((o) => <option value={o.id} selected={props.chosen[p.key] === o.id}>{o.name}</option>)}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
