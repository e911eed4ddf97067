import htmxPackage from '../../../node_modules/htmx.org/package.json' with { type: 'json' };
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
};
