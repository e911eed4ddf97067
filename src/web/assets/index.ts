import { readFile } from 'node:fs/promises';
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
}

export interface WebAsset {
  path: string;
  contentType: string;
  body: string;
}

export interface LoadedAssets {
  stylesheet: WebAsset;
  htmx: WebAsset;
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
    return { stylesheet, htmx: script, byPath: new Map([[stylesheet.path, stylesheet], [script.path, script]]) };
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
  return {
    htmxVersion: version,
    loadStylesheet: () => readFile(new URL('./style.css', import.meta.url), 'utf8'),
    loadHtmx: () => readFile(htmxFile, 'utf8'),
  };
}
