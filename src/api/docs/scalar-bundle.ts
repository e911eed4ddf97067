import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The Scalar API reference's browser bundle (`@scalar/api-reference`, pinned in package.json),
 * which /docs serves from this origin: no CDN, nothing fetched from elsewhere. Its text is loaded
 * on first use, once per process.
 */
export interface ScalarBundle {
  /** The package's version: part of the asset's URL, so that it can be cached for good. */
  version: string;
  /** The script's text (its standalone build: one file, no chunks). */
  load(): Promise<string>;
  /** The same, gzip-compressed, where the runtime does not compress responses itself (Node). */
  loadGzip?(): Promise<Uint8Array>;
}

/** Retries after a failure instead of keeping a rejected promise for good. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make().catch((error: unknown) => {
    value = undefined;
    throw error;
  }));
}

let installed: ScalarBundle | undefined;

/**
 * Node: the bundle as installed in node_modules, found through the package's own entry point. The
 * Workers entry passes its own (scalar-bundle.workers.ts): there is no file system there.
 */
export function installedScalarBundle(): ScalarBundle {
  if (installed) return installed;
  const root = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const load = once(() => readFile(join(root, 'dist', 'browser', 'standalone.js'), 'utf8'));
  // 4.7 MB of script, 1.4 MB compressed: compressed once, not per request.
  const loadGzip = once(async () => new Uint8Array(gzipSync(await load())));
  installed = { version, load, loadGzip };
  return installed;
}
