import AjvModule, { type ValidateFunction } from 'ajv';
import codelistFiles from './standard/codelists.json' with { type: 'json' };
import organisationSchemaSource from './standard/organisation.json' with { type: 'json' };
import projectSchemaSource from './standard/project.json' with { type: 'json' };

/**
 * The INDIGO impact-bond data standard (Government Outcomes Lab; `INDIGO-Initiative/indigo-data-standard`),
 * release 4.1.0, vendored verbatim in `./standard/` (see its README for provenance and licence), and
 * the standard's own constraints on a record:
 *
 * 1. Its JSON Schemas (draft-07) `project.json` and `organisation.json`, compiled the way the
 *    standard's own pipeline compiles them (`compiletojsonschema --codelist-base-directory
 *    schema/codelists`): a property carrying `"codelist": "<file>.csv"` (unless `openCodelist`) gets
 *    `enum` = the first column of every row of that CSV after its header. The codelists are read from
 *    `./standard/codelists.json`, derived from the vendored CSV files (a test checks they agree).
 * 2. Its cross-references, which the schemas declare with their own keywords (`references-data-list`
 *    + `references-data-key` [+ `references-datas-seperator`]: a value, or each comma-separated value,
 *    must be the key of an entry of that list in the same record, e.g. `source_ids` → `sources[].id`,
 *    `outcome_metric_id` → `outcome_metrics[].id`; `references-model: organisation`: an organisation
 *    id, checked against the organisation records published with the project when they are given).
 *
 * The standard requires no property and allows any other property: so does this validation.
 * `propertiesOutsideStandard` lists the properties a record has that the standard does not define
 * (allowed, but our own export must not invent fields: its tests use it).
 *
 * Pure apart from compiling the validators with ajv on first use (ajv generates code with
 * `new Function`: fine on Node; not available on Cloudflare Workers).
 */

export const INDIGO_STANDARD = {
  name: 'INDIGO impact bond data standard',
  version: '4.1.0',
  repository: 'https://github.com/INDIGO-Initiative/indigo-data-standard',
  commit: 'f034d757ca756bd0a03ba4df69be81f9eee7d416',
} as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = { [key: string]: unknown };

/** Keywords of the standard's schemas that are not JSON Schema: annotations for its tooling (and the references we check in code). */
export const standardKeywords = [
  'priority', 'codelist', 'openCodelist', 'codelistDescription', 'patternHint',
  'references-model', 'references-models-seperator', 'references-data-key', 'references-data-list', 'references-datas-seperator',
] as const;

/** The standard's codelists by file name (first column of each CSV, as its pipeline reads them). */
export const standardCodelists: Readonly<Record<string, readonly string[]>> = codelistFiles;

/** The standard's schema with its closed codelists turned into `enum`s, as `compiletojsonschema` does. */
export function compileCodelists(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(compileCodelists);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: SchemaNode = {};
  for (const [k, v] of Object.entries(schema as SchemaNode)) out[k] = compileCodelists(v);
  const file = out.codelist;
  if (typeof file === 'string' && !out.openCodelist) {
    const values = standardCodelists[file];
    if (!values) throw new Error(`INDIGO standard: codelist ${file} is not vendored`);
    if (values.length > 0) {
      if (out.type === 'array' && out.items && typeof out.items === 'object') (out.items as SchemaNode).enum = [...values];
      else out.enum = [...values];
    }
  }
  return out;
}

export const projectSchema = compileCodelists(projectSchemaSource) as SchemaNode;
export const organisationSchema = compileCodelists(organisationSchemaSource) as SchemaNode;

export interface IndigoProblem {
  /** JSON pointer into the record. */
  path: string;
  message: string;
}

const validators = new Map<'project' | 'organisation', ValidateFunction>();
function validatorFor(model: 'project' | 'organisation'): ValidateFunction {
  let v = validators.get(model);
  if (!v) {
    // One ajv instance per schema: both files of the standard declare the same $id.
    const Ajv = AjvModule.default;
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, keywords: [...standardKeywords] });
    v = ajv.compile(model === 'project' ? projectSchema : organisationSchema);
    validators.set(model, v);
  }
  return v;
}

function schemaProblems(model: 'project' | 'organisation', record: unknown): IndigoProblem[] {
  const validate = validatorFor(model);
  if (validate(record)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message: `${e.message ?? 'invalid'}${e.keyword === 'enum' ? `: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : ''}`,
  }));
}

/** Follows a local `$ref` (`#/definitions/x`) of the standard's schema. */
function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = (target as SchemaNode | undefined)?.[part];
  return target && typeof target === 'object' ? { ...(target as SchemaNode), ...node, $ref: undefined } : node;
}

const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Visits every value of the record with the schema node that describes it (properties and items only, as the standard uses). */
function walk(
  root: SchemaNode, node: SchemaNode, data: unknown, path: string,
  visit: (node: SchemaNode, data: unknown, path: string) => void,
  unknownProperty?: (path: string) => void,
): void {
  const n = deref(root, node);
  visit(n, data, path);
  if (Array.isArray(data) && n.items && typeof n.items === 'object') {
    data.forEach((item, i) => walk(root, n.items as SchemaNode, item, pointer(path, i), visit, unknownProperty));
  } else if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const properties = (n.properties ?? undefined) as Record<string, SchemaNode> | undefined;
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      const child = properties?.[key];
      if (child) walk(root, child, value, pointer(path, key), visit, unknownProperty);
      else if (unknownProperty && (properties || n.type === 'object')) unknownProperty(pointer(path, key));
    }
  }
}

function referenceProblems(root: SchemaNode, record: unknown, organisationIds?: ReadonlySet<string>): IndigoProblem[] {
  const problems: IndigoProblem[] = [];
  const keysOf = (list: string, key: string): Set<string> => {
    let entries: unknown = record;
    for (const part of list.split('/').filter(Boolean)) entries = (entries as Record<string, unknown> | undefined)?.[part];
    const keyName = key.replace(/^\//, '');
    return new Set((Array.isArray(entries) ? entries : []).map((e) => (e as Record<string, unknown> | null)?.[keyName]).filter((k): k is string => typeof k === 'string'));
  };
  walk(root, root, record, '', (node, data, path) => {
    if (typeof data !== 'string') return;
    const list = node['references-data-list'];
    const key = node['references-data-key'];
    if (typeof list === 'string' && typeof key === 'string') {
      const separator = node['references-datas-seperator'];
      const values = typeof separator === 'string' ? data.split(separator).map((s) => s.trim()).filter(Boolean) : [data];
      const known = keysOf(list, key);
      for (const v of values) {
        if (!known.has(v)) problems.push({ path, message: `"${v}" is not the ${key.slice(1)} of an entry of ${list}` });
      }
    }
    if (node['references-model'] === 'organisation' && organisationIds) {
      const separator = node['references-models-seperator'];
      const values = typeof separator === 'string' ? data.split(separator).map((s) => s.trim()).filter(Boolean) : [data];
      for (const v of values) {
        if (!organisationIds.has(v)) problems.push({ path, message: `organisation "${v}" is not among the organisation records` });
      }
    }
  });
  return problems;
}

/**
 * Every way a project record breaks the standard: its schema (with codelists) and its
 * cross-references. With `organisationIds` (the `id`s of the organisation records published with
 * it), organisation references must name one of them.
 */
export function validateIndigoProject(record: unknown, options: { organisationIds?: ReadonlySet<string> } = {}): IndigoProblem[] {
  return [...schemaProblems('project', record), ...referenceProblems(projectSchema, record, options.organisationIds)];
}

/** Every way an organisation record breaks the standard (schema, codelists, references to its own sources). */
export function validateIndigoOrganisation(record: unknown): IndigoProblem[] {
  return [...schemaProblems('organisation', record), ...referenceProblems(organisationSchema, record)];
}

/** Paths of the properties a record has that the standard does not define (allowed by the standard; our export must have none). */
export function propertiesOutsideStandard(model: 'project' | 'organisation', record: unknown): string[] {
  const root = model === 'project' ? projectSchema : organisationSchema;
  const paths: string[] = [];
  walk(root, root, record, '', () => undefined, (path) => paths.push(path));
  return paths;
}

export type { Json };
