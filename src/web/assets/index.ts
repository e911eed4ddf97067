import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { definitionEditorScript, definitionEditorScriptPath } from './definition-editor.ts';
import { createRequire } from 'node:module';

/**
 * What the pages load, all served by the app itself (no CDN: the workspace works behind a
 * firewall): our stylesheet (style.css, beside this file) and htmx (htmx.org, pinned in
 * package.json). Their URLs carry a content hash (the stylesheet) or the pinned version (htmx), so
 * they are cached for a year (`immutable`) and a new release changes the URL.
 *
 * Node reads them from the files (this one); the Workers entry passes its own (workers.ts), which
 * the Worker carries as Text modules (wrangler.toml [[rules]]): there is no file system there.
 */
export interface WebAssetSource {
  /** The version of htmx.org (part of its URL). */
  htmxVersion: string;
  loadStylesheet(): Promise<string>;
  loadHtmx(): Promise<string>;
  /** The version of @cfworker/json-schema, and its ES modules (`dist/esm/*.js`, by file name) for the contract editor's live validation; absent: no live validation. */
  jsonSchemaVersion?: string;
  loadJsonSchemaModules?(): Promise<Record<string, string>>;
}

export interface WebAsset {
  path: string;
  contentType: string;
  body: string;
}

export interface LoadedAssets {
  stylesheet: WebAsset;
  htmx: WebAsset;
  /** The URL of the JSON Schema validator's entry module (`/assets/json-schema-<version>/index.js`; its modules import each other relatively), when served. */
  jsonSchema?: string;
  /** The contract editor's module script (definition-editor.ts), served with the validator. */
  definitionEditor?: string;
  byPath: Map<string, WebAsset>;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Loads the assets once per process (or isolate), retrying after a failure. */
export function assetLoader(source: WebAssetSource): () => Promise<LoadedAssets> {
  let loaded: Promise<LoadedAssets> | undefined;
  return () => (loaded ??= (async () => {
    const [css, htmx] = await Promise.all([source.loadStylesheet(), source.loadHtmx()]);
    const stylesheet = { path: `/assets/style-${(await sha256Hex(css)).slice(0, 16)}.css`, contentType: 'text/css; charset=utf-8', body: css };
    const script = { path: `/assets/htmx-${source.htmxVersion}.min.js`, contentType: 'text/javascript; charset=utf-8', body: htmx };
    const byPath = new Map([[stylesheet.path, stylesheet], [script.path, script]]);
    const modules: Record<string, string> = source.loadJsonSchemaModules ? await source.loadJsonSchemaModules().catch(() => ({})) : {};
    const base = `/assets/json-schema-${source.jsonSchemaVersion ?? '0'}/`;
    for (const [file, body] of Object.entries(modules)) {
      // Without the source map comment: the maps are not served.
      byPath.set(base + file, { path: base + file, contentType: 'text/javascript; charset=utf-8', body: body.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n') });
    }
    const jsonSchema = modules['index.js'] !== undefined ? `${base}index.js` : undefined;
    const editor = { path: definitionEditorScriptPath, contentType: 'text/javascript; charset=utf-8', body: definitionEditorScript };
    if (jsonSchema) byPath.set(editor.path, editor);
    return { stylesheet, htmx: script, ...(jsonSchema ? { jsonSchema, definitionEditor: editor.path } : {}), byPath };
  })().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  }));
}

/** Node: the files as installed. (createRequire runs here, never at import: the Workers bundle imports this module too.) */
export function installedWebAssets(): WebAssetSource {
  const require = createRequire(import.meta.url);
  const htmxFile = require.resolve('htmx.org/dist/htmx.min.js');
  const { version } = require('htmx.org/package.json') as { version: string };
  const jsonSchemaPackage = require.resolve('@cfworker/json-schema/package.json');
  const esm = join(dirname(jsonSchemaPackage), 'dist', 'esm');
  return {
    htmxVersion: version,
    loadStylesheet: () => readFile(new URL('./style.css', import.meta.url), 'utf8'),
    loadHtmx: () => readFile(htmxFile, 'utf8'),
    jsonSchemaVersion: (require('@cfworker/json-schema/package.json') as { version: string }).version,
    loadJsonSchemaModules: async () => {
      const files = (await readdir(esm)).filter((f) => f.endsWith('.js'));
      return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(join(esm, f), 'utf8')] as const)));
    },
  };
}
