import scalarPackage from '../../../node_modules/@scalar/api-reference/package.json' with { type: 'json' };
import type { ScalarBundle } from './scalar-bundle.ts';

/**
 * Workers: the Scalar bundle travels inside the Worker as a Text module (the `[[rules]]` of
 * wrangler.toml): there is no file system to read it from. It is imported on first use only, so
 * an isolate that never serves /docs never parses it. Cloudflare compresses the response itself.
 */
export const workersScalarBundle: ScalarBundle = {
  version: scalarPackage.version,
  load: async () => {
    // @ts-expect-error -- a Text module: wrangler gives the file's text as the default export (no declarations to find)
    const module = (await import('../../../node_modules/@scalar/api-reference/dist/browser/standalone.js')) as { default: string };
    return module.default;
  },
};
