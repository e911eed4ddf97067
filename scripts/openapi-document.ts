import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { DatabaseAccess } from '../src/db/database.ts';
import { silentLogger } from '../src/logging/logger.ts';

/** Lends no database: serving /openapi.json never touches one. */
const noDatabase: DatabaseAccess = {
  kind: 'pglite',
  run: (work) => work(undefined as never, undefined as never),
};

/**
 * The OpenAPI document of this build, exactly as the app serves it at /openapi.json, built in-process from the
 * routes with the default configuration: no server, no database.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = createApp({ database: noDatabase, clock: () => new Date(), config: loadConfig({ SCHEDULER_ENABLED: 'false' }), logger: silentLogger });
  const response = await app.request('/openapi.json');
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Writes the document, indented (so that lint messages point at readable lines), to `file`. */
export async function writeOpenApiDocument(file: string): Promise<Record<string, unknown>> {
  const document = await openApiDocument();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return document;
}

// `tsx scripts/openapi-document.ts [file]`: the document to `file`, or to standard output.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (file) await writeOpenApiDocument(file);
  else process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}
