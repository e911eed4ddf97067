import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { openApiDocument } from '../../scripts/openapi-document.ts';

/** Where the generated types live (committed, so that integrators can take them without running anything). */
export const SCHEMA_FILE = fileURLToPath(new URL('./schema.ts', import.meta.url));

const header = `/**
 * Types of the Outcome Ledger API (paths, operations by operationId, components), generated from /openapi.json
 * by openapi-typescript 6.7.6: \`npm run client:generate\`. Do not edit by hand: test/api/typed-client.test.ts
 * fails when this file differs from a fresh generation. Use it with openapi-fetch (see ./index.ts).
 */

`;

/** The TypeScript source of the types of `document` (an OpenAPI 3.1 document, such as /openapi.json). */
export async function clientSchemaSource(document: Record<string, unknown>): Promise<string> {
  return openapiTS(structuredClone(document) as unknown as OpenAPI3, { commentHeader: header, silent: true });
}

// `tsx clients/typescript/generate.ts`: regenerates ./schema.ts from the routes of this build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_FILE, await clientSchemaSource(await openApiDocument()));
  console.log(`client:generate: wrote ${SCHEMA_FILE}`);
}
