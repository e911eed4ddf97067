import htmxPackage from '../../../node_modules/htmx.org/package.json' with { type: 'json' };
import jsonSchemaPackage from '../../../node_modules/@cfworker/json-schema/package.json' with { type: 'json' };
import type { WebAssetSource } from './index.ts';

/**
 * Workers: the stylesheet and htmx travel inside the Worker as Text modules (the `[[rules]]` of
 * wrangler.toml), imported on first use. Cloudflare compresses the responses itself.
 */
export const workersWebAssets: WebAssetSource = {
  htmxVersion: htmxPackage.version,
  loadStylesheet: async () => {
    // @ts-expect-error -- a Text module: wrangler gives the file's text as the default export
    const module = (await import('./style.css')) as { default: string };
    return module.default;
  },
  loadHtmx: async () => {
    // @ts-expect-error -- a Text module: wrangler gives the file's text as the default export
    const module = (await import('../../../node_modules/htmx.org/dist/htmx.min.js')) as { default: string };
    return module.default;
  },
  // The contract editor's JSON Schema validator: its ES modules, Text modules too (wrangler.toml).
  jsonSchemaVersion: jsonSchemaPackage.version,
  loadJsonSchemaModules: async () => {
    const text = (module: unknown) => (module as { default: string }).default;
    return {
      'deep-compare-strict.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/deep-compare-strict.js')),
      'dereference.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/dereference.js')),
      'format.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/format.js')),
      'index.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/index.js')),
      'pointer.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/pointer.js')),
      'types.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/types.js')),
      'ucs2-length.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/ucs2-length.js')),
      'validate.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/validate.js')),
      'validator.js': text(await import('../../../node_modules/@cfworker/json-schema/dist/esm/validator.js')),
    };
  },
};
