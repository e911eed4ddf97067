/**
 * The /docs page: the Scalar API reference, served from this origin, and underneath it the same
 * operations as a plain list, generated from the OpenAPI document on the server. The list is what
 * a reader sees when scripts are off or blocked (or while the reference loads); the page's own
 * start-up script hides it once Scalar is running.
 */

/** What the page is made from: the OpenAPI document (as served at /openapi.json) and the script's path. */
interface OpenApiLike {
  info?: { title?: string; version?: string };
  tags?: { name: string }[];
  paths?: object;
}

interface Operation {
  method: string;
  path: string;
  summary: string;
  operationId: string | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const UNTAGGED = 'Other';

/**
 * Scalar's configuration: the document from this origin, and every feature that would reach a
 * third party off: fonts (fonts.scalar.com), telemetry, the request proxy (proxy.scalar.com; the
 * empty string is "no proxy", requests go straight to this API), the AI agent (api.scalar.com; on
 * by default on localhost), MCP and the developer tools.
 */
export const SCALAR_CONFIGURATION = {
  url: '/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  proxyUrl: '',
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: false,
} as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** JSON that can sit inside a <script> element: no `</script>`, no `<!--`. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The document's operations grouped by their first tag, tags in the document's order (undeclared ones after). */
export function operationsByTag(document: OpenApiLike): [tag: string, operations: Operation[]][] {
  const groups = new Map<string, Operation[]>((document.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(document.paths ?? {}) as [string, Record<string, unknown> | undefined][]) {
    for (const method of METHODS) {
      const op = item?.[method] as { tags?: string[]; summary?: string; operationId?: string } | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? UNTAGGED;
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method: method.toUpperCase(), path, summary: op.summary ?? '', operationId: op.operationId });
    }
  }
  return [...groups].filter(([, operations]) => operations.length > 0);
}

function operationList(document: OpenApiLike): string {
  return operationsByTag(document)
    .map(([tag, operations]) => {
      const rows = operations
        .map((op) =>
          `<tr><td><code>${op.method}</code></td><td><code>${escapeHtml(op.path)}</code></td>` +
          `<td>${escapeHtml(op.summary)}</td><td>${op.operationId ? `<code>${escapeHtml(op.operationId)}</code>` : ''}</td></tr>`)
        .join('\n');
      return `<section>
<h2>${escapeHtml(tag)}</h2>
<table>
<thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">Summary</th><th scope="col">operationId</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
    })
    .join('\n');
}

/**
 * Renders the page once; `withNonce` then gives each request's copy, every <script> element
 * carrying that request's nonce (see `docsPolicy`).
 */
export function docsPage(document: OpenApiLike, scriptPath: string): { withNonce(nonce: string): string } {
  const title = `${document.info?.title ?? 'API'} ${document.info?.version ?? ''}`.trim();
  const NONCE = '\u0000nonce\u0000';
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
#api-operations { font-family: system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 1rem; line-height: 1.4; }
#api-operations table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
#api-operations th, #api-operations td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
#api-operations td:nth-child(2) { word-break: break-all; }
</style>
</head>
<body>
<div id="app"></div>
<main id="api-operations">
<h1>${escapeHtml(title)}</h1>
<p>The full description, every request and response schema, is the OpenAPI document: <a href="/openapi.json">/openapi.json</a>.
This page shows it interactively when JavaScript runs; here are its operations.</p>
${operationList(document)}
</main>
<script nonce="${NONCE}" src="${escapeHtml(scriptPath)}"></script>
<script nonce="${NONCE}">
Scalar.createApiReference('#app', ${scriptJson(SCALAR_CONFIGURATION)});
document.getElementById('api-operations').hidden = true;
</script>
</body>
</html>
`;
  const [before, ...rest] = page.split(NONCE);
  return { withNonce: (nonce) => before + rest.map((part) => escapeHtml(nonce) + part).join('') };
}
