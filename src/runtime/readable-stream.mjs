// The Workers bundle's `readable-stream` (wrangler.toml [alias]): Node's own streams, which
// nodejs_compat provides, as the package itself does on Node with READABLE_STREAM=disable. Its
// browser build, which bundlers for Workers pick, makes streams that are not `instanceof Stream`,
// and exceljs' ZIP writer (archiver) refuses them.
export * from 'node:stream';
export { default } from 'node:stream';
