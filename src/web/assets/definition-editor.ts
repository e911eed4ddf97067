/**
 * The contract definition editor's own module script (register and amend pages, issue 18):
 * enhancement only — without it the forms post the text and the server lists the problems.
 * With it: the published JSON Schema (GET /v1/schemas/contract-definition) is fetched from this
 * origin and the editor's text is checked as it is typed (debounced) with @cfworker/json-schema,
 * served by the app too (no CDN): JSON syntax errors with their line and column, then every
 * schema problem at its path (`pricing[0].cohortThreshold`), in an aria-live region; a button
 * asks the server (POST /v1/schemas/contract-definition/validate, the session cookie and the
 * X-CSRF-Token header) for the relations the schema cannot express. Texts come from the page's
 * data-msg-* attributes (the page's language). A module rather than a file so the Worker carries
 * it; served under a URL carrying a hash of this text (assets/index.ts).
 */
export const definitionEditorScript = `const root = document.querySelector('[data-definition-editor]');
const KEYWORDS_OF_WRAPPERS = new Set(['$ref', '$recursiveRef', '$dynamicRef', 'properties', 'patternProperties', 'items', 'prefixItems', 'additionalItems',
  'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not', 'dependentSchemas', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalProperties']);

function say(name, params) {
  let text = root.getAttribute('data-msg-' + name) || name;
  for (const [key, value] of Object.entries(params || {})) text = text.split('{' + key + '}').join(String(value));
  return text;
}

/** '#/pricing/0/cohortThreshold' → 'pricing[0].cohortThreshold' (as the server writes paths). */
function pathOf(location) {
  const parts = location.replace(/^#\\/?/, '').split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) out += /^\\d+$/.test(part) ? '[' + part + ']' : (out === '' ? part : '.' + part);
  return out;
}

/** The line and column of a JSON syntax error (from the engine's message, or its position). */
function syntaxProblem(text, error) {
  const message = String(error && error.message || error);
  const at = /line (\\d+) column (\\d+)/.exec(message);
  if (at) return { path: '', message: say('syntax', { line: at[1], column: at[2], message }) };
  const position = /position (\\d+)/.exec(message);
  const offset = position ? Number(position[1]) : syntaxOffset(text);
  const before = text.slice(0, offset < 0 ? text.length : offset).split('\\n');
  return { path: '', message: say('syntax', { line: before.length, column: before[before.length - 1].length + 1, message }) };
}

/** Where JSON text first goes wrong (an offset), for engines whose message does not say; -1 if it parses. */
function syntaxOffset(t) {
  let i = 0;
  const ws = () => { while (i < t.length && ' \\t\\n\\r'.includes(t[i])) i++; };
  const fail = () => { throw i; };
  const string = () => {
    i++;
    while (i < t.length) {
      const ch = t[i];
      if (ch === '"') { i++; return; }
      if (ch === '\\\\') { i += 2; continue; }
      if (ch < ' ') fail();
      i++;
    }
    fail();
  };
  const value = () => {
    ws();
    const c = t[i];
    if (c === '{') {
      i++; ws();
      if (t[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (t[i] !== '"') fail();
        string(); ws();
        if (t[i] !== ':') fail();
        i++; value(); ws();
        if (t[i] === ',') { i++; continue; }
        if (t[i] === '}') { i++; return; }
        fail();
      }
    }
    if (c === '[') {
      i++; ws();
      if (t[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (t[i] === ',') { i++; continue; }
        if (t[i] === ']') { i++; return; }
        fail();
      }
    }
    if (c === '"') { string(); return; }
    const literal = /^(?:-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null)/.exec(t.slice(i, i + 400));
    if (!literal) fail();
    i += literal[0].length;
  };
  try {
    value(); ws();
    if (i < t.length) fail();
    return -1;
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
}

/**
 * The schema's errors a person can act on: the leaves (not "a subschema had errors"), and for a
 * union told apart by its "kind", only the errors of the branch the kind names.
 */
function problemsOf(errors) {
  const dropped = [];
  for (const e of errors) {
    if (e.keyword === 'const' && /\\/kind$/.test(e.instanceLocation)) {
      const branch = /^(.*\\/(?:oneOf|anyOf)\\/\\d+)\\//.exec(e.keywordLocation);
      if (branch) dropped.push(branch[1] + '/');
    }
  }
  const out = [];
  const seen = new Set();
  // A false schema's error (a property not allowed) carries no location in the schema: it goes with the error before it.
  let previousDropped = false;
  for (const e of errors) {
    const drop = e.keyword === 'false' ? previousDropped : dropped.some((prefix) => e.keywordLocation.startsWith(prefix));
    previousDropped = drop;
    if (drop) continue;
    if (KEYWORDS_OF_WRAPPERS.has(e.keyword) && !(e.keyword === 'oneOf' || e.keyword === 'anyOf')) continue;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') {
      const own = e.keywordLocation + '/';
      const branches = errors.filter((x) => x.keywordLocation.startsWith(own) && !dropped.some((prefix) => x.keywordLocation.startsWith(prefix)));
      if (branches.length > 0) continue;
    }
    const message = e.keyword === 'false' ? 'not allowed here' : e.error;
    const problem = { path: pathOf(e.instanceLocation), message };
    const id = problem.path + '|' + problem.message;
    if (!seen.has(id)) { seen.add(id); out.push(problem); }
  }
  return out;
}

function show(region, problems, okText) {
  region.replaceChildren();
  if (problems.length === 0) {
    const p = document.createElement('p');
    p.className = 'ok';
    p.textContent = okText;
    region.append(p);
    return;
  }
  const count = document.createElement('p');
  count.textContent = say('count', { count: problems.length });
  const list = document.createElement('ul');
  list.className = 'problems';
  for (const problem of problems) {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = problem.path || say('root');
    item.append(code, ': ' + problem.message);
    list.append(item);
  }
  region.append(count, list);
}

function csrfToken() {
  try {
    const headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
    if (headers['X-CSRF-Token']) return headers['X-CSRF-Token'];
  } catch { /* the form's field, below */ }
  const field = root.closest('form') && root.closest('form').querySelector('input[name=_csrf]');
  return field ? field.value : '';
}

async function start() {
  const section = root.querySelector('[data-live]');
  const region = root.querySelector('[data-live-problems]');
  const serverRegion = root.querySelector('[data-server-problems]');
  const textarea = root.querySelector('textarea');
  if (!section || !region || !textarea) return;
  section.hidden = false;
  let validator;
  try {
    const [module, answer] = await Promise.all([
      import(root.getAttribute('data-validator')),
      fetch(root.getAttribute('data-schema'), { credentials: 'same-origin', headers: { accept: 'application/schema+json' } }),
    ]);
    if (!answer.ok) throw new Error('schema ' + answer.status);
    validator = new module.Validator(await answer.json(), '2020-12', false);
  } catch (error) {
    region.replaceChildren();
    const p = document.createElement('p');
    p.textContent = say('unavailable');
    region.append(p);
    return;
  }
  let last = null;
  const check = () => {
    const text = textarea.value;
    if (text === last) return;
    last = text;
    if (text.trim() === '') {
      region.replaceChildren(document.createTextNode(say('empty')));
      textarea.removeAttribute('aria-invalid');
      return;
    }
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      show(region, [syntaxProblem(text, error)], '');
      textarea.setAttribute('aria-invalid', 'true');
      return;
    }
    const result = validator.validate(value);
    const problems = result.valid ? [] : problemsOf(result.errors);
    show(region, problems, say('valid'));
    if (problems.length) textarea.setAttribute('aria-invalid', 'true'); else textarea.removeAttribute('aria-invalid');
  };
  let timer;
  textarea.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 250); });
  check();

  const button = root.querySelector('[data-server-check]');
  if (button && serverRegion) {
    button.addEventListener('click', async () => {
      serverRegion.replaceChildren(document.createTextNode(say('checking')));
      let value;
      try { value = JSON.parse(textarea.value); } catch (error) { show(serverRegion, [syntaxProblem(textarea.value, error)], ''); return; }
      try {
        const answer = await fetch(root.getAttribute('data-check'), {
          method: 'POST', credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken() },
          body: JSON.stringify(value),
        });
        if (answer.ok) { show(serverRegion, [], say('server-valid')); return; }
        const problem = await answer.json().catch(() => ({}));
        if (answer.status === 422 && Array.isArray(problem.errors)) { show(serverRegion, problem.errors.map((e) => ({ path: e.path || '', message: e.message })), ''); return; }
        serverRegion.replaceChildren(document.createTextNode(say('server-failed', { status: answer.status })));
      } catch (error) {
        serverRegion.replaceChildren(document.createTextNode(say('server-failed', { status: String(error && error.message || error) })));
      }
    });
  }
}

if (root) start();
`;

/** FNV-1a of the text, in hex: the script's URL changes with its content. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export const definitionEditorScriptPath = `/assets/definition-editor-${fnv1a(definitionEditorScript)}.js`;
