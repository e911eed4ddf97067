import { spawnSync } from 'node:child_process';
import { writeOpenApiDocument } from './openapi-document.ts';

/**
 * `npm run lint:api`: builds the OpenAPI document from the routes (no server, no database), writes it to
 * dist/openapi.json and lints it with Redocly CLI under redocly.yaml. Exits non-zero on any error or warning.
 */
const file = 'dist/openapi.json';
const document = await writeOpenApiDocument(file);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const redocly = (format: string, stdio: 'pipe' | 'inherit') =>
  spawnSync('npx', ['--no-install', 'redocly', 'lint', file, '--format', format, '--max-problems', '1000'], { env, stdio, encoding: 'utf8' });

const run = redocly('json', 'pipe');
let totals: { errors: number; warnings: number } | undefined;
try {
  totals = (JSON.parse(run.stdout) as { totals: { errors: number; warnings: number } }).totals;
} catch {
  process.stderr.write(run.stdout + run.stderr);
  console.error('lint:api: Redocly CLI gave no report.');
  process.exit(1);
}
const operations = Object.values(document.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
if (totals.errors + totals.warnings === 0) {
  console.log(`lint:api: ${file} (${operations} operations): no errors, no warnings (redocly.yaml).`);
} else {
  redocly('stylish', 'inherit'); // the same problems, readable
  console.error(`lint:api: ${totals.errors} error(s) and ${totals.warnings} warning(s) in ${file}: both fail the build.`);
  process.exit(1);
}
