import { Hono } from 'hono';
import { indigoExportInput } from '../../db/queries/indigo-input.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { disclosureFields, disclosureOf, publicIndigoExport, publicTerms } from '../../domain/contract/disclosure.ts';
import { toIndigoExport } from '../../domain/indigo/export.ts';
import { publicPage } from '../auth.ts';
import type { WebContext, WebEnv } from '../context.ts';
import { errorPage } from '../errors.tsx';
import { pageHeaders } from '../render.ts';
import { publicMessages } from './messages.ts';
import { suppressIndigoCounts } from './suppression.ts';
import { auditHead, publicPathOf, publicStatus, publishedContract, publishedContracts } from './queries.ts';
import { ContractPage, ListPage } from './views.tsx';

/**
 * The public pages (issue 18), no sign-in: `/public/` lists the published contracts,
 * `/public/contracts/{reference}` shows one — only what its publication terms disclose
 * (src/domain/contract/disclosure.ts decides), never participant-level data — and
 * `/public/contracts/{reference}/indigo.json` is its INDIGO export restricted to the same
 * disclosure. That export is a page route rather than an API route: it is the public document the
 * page links to, found by the same publication rule, with no key and its own cache headers, while
 * /v1 stays the parties' authenticated API (whose full export is GET /v1/contracts/{id}/export/indigo).
 * Unpublished or unknown: the 404 page (the JSON too), telling nothing about whether it exists.
 *
 * Cacheable: an ETag of the content (304 when unchanged) and a short max-age; pages are `private`
 * (they carry the visitor's language form and, signed in, the person's name), the JSON is `public`.
 */

const PAGE_CACHE = 'private, max-age=60';
const JSON_CACHE = 'public, max-age=300';
const INDIGO_SUFFIX = '/indigo.json';

async function cached(c: WebContext, body: string, contentType: string, cacheControl: string, extra: Record<string, string> = {}): Promise<Response> {
  const etag = `"${(await contentDigest(body)).slice(0, 32)}"`;
  const headers = { ...extra, 'cache-control': cacheControl, etag, vary: 'Cookie, Accept-Language', 'content-type': contentType };
  const match = c.req.header('if-none-match');
  if (match && match.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(etag)) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

async function page(c: WebContext, node: unknown): Promise<Response> {
  const html = `<!doctype html>${await Promise.resolve((node as { toString(): string | Promise<string> }).toString())}`;
  return cached(c, html, 'text/html; charset=UTF-8', PAGE_CACHE, { 'content-security-policy': pageHeaders()['content-security-policy']! });
}

export const publicPages = new Hono<WebEnv>()
  .get('/public', publicPage(), (c) => c.redirect('/public/', 301))
  .get('/public/', publicPage(), async (c) => {
    const all = await publishedContracts(c.var.db);
    const rows = all.map((p) => ({
      path: publicPathOf(p, all),
      reference: p.contract.reference,
      title: disclosureOf(p.definition).title === 'PUBLIC' ? p.definition.title : null,
      since: p.contract.activated_at,
    }));
    return page(c, <ListPage page={c.var.page} rows={rows} />);
  })
  .get('/public/contracts/:name{.+}', publicPage(), async (c) => {
    let name = c.req.param('name');
    const indigo = name.endsWith(INDIGO_SUFFIX);
    if (indigo) name = name.slice(0, -INDIGO_SUFFIX.length);
    const found = await publishedContract(c.var.db, decodeURIComponent(name));
    if (!found) {
      if (indigo) return c.json({ type: 'about:blank', title: 'Not found', status: 404 }, 404, { 'content-type': 'application/problem+json' });
      return errorPage(c, 404);
    }
    const now = c.var.deps.clock();
    const all = await publishedContracts(c.var.db);
    const path = publicPathOf(found, all);
    if (indigo) {
      const full = toIndigoExport(await indigoExportInput(c.var.db, found.contract, now));
      // Small counts of participants suppressed as on the page (suppression.ts).
      const body = JSON.stringify(suppressIndigoCounts(publicIndigoExport(full, found.definition)), null, 2);
      return cached(c, body, 'application/json; charset=UTF-8', JSON_CACHE, {
        'content-disposition': `inline; filename="indigo-${found.contract.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`,
        'access-control-allow-origin': '*',
      });
    }
    const status = await publicStatus(c.var.db, found.contract.id, found.definition, now);
    const head = await auditHead(c.var.db, found.contract.id);
    const disclosure = disclosureOf(found.definition);
    const m = c.var.page.messages(publicMessages);
    const hidden = disclosureFields.filter((f) => disclosure[f] === 'PRIVATE').map((f) => m(`field.${f}`));
    return page(c, (
      <ContractPage
        page={c.var.page}
        found={found}
        terms={publicTerms(found.definition)}
        disclosure={disclosure}
        status={status}
        head={head ? { seq: head.seq, hash: head.entry_hash, at: head.recorded_at } : undefined}
        indigoHref={`${path}${INDIGO_SUFFIX}`}
        hidden={hidden}
      />
    ));
  });

