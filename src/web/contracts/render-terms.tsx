import { Decimal } from 'decimal.js';
import type { TermBlock, TermsDocument, TermValue } from '../../domain/contract/terms-document.ts';
import type { PageContext } from '../context.ts';
import type { Translate } from '../i18n/index.ts';
import { contractsMessages } from './messages.ts';

/** Renders a terms document (domain/contract/terms-document.ts) in the page's language: the JSX only presents it. */

type Key = Parameters<Translate<keyof typeof contractsMessages.en & string>>[0];

export function percentText(page: PageContext, fraction: string): string {
  const value = new Decimal(fraction).times(100).toFixed();
  return page.locale === 'fr' ? `${page.format.number(value)}\u00a0%` : `${page.format.number(value)}%`;
}

export function valueText(page: PageContext, currency: string, v: TermValue): string {
  const m = page.messages(contractsMessages);
  switch (v.kind) {
    case 'text': return v.text;
    case 'amount': return page.format.amount(v.amount, currency);
    case 'number': return page.format.number(v.value);
    case 'percent': return percentText(page, v.fraction);
    case 'date': return page.format.date(v.date);
    case 'word': {
      const params: Record<string, string | number> = {};
      for (const [k, p] of Object.entries(v.params ?? {})) params[k] = typeof p === 'object' ? valueText(page, currency, p) : p;
      return m(v.word as Key, params);
    }
    case 'list': return v.items.map((i) => valueText(page, currency, i)).join('; ');
    case 'none': return '—';
  }
}

function Value(props: { page: PageContext; currency: string; value: TermValue }) {
  const { page, currency, value } = props;
  if (value.kind === 'list' && value.items.length > 1) {
    return <ul class="plain">{value.items.map((i) => <li>{valueText(page, currency, i)}</li>)}</ul>;
  }
  return <>{valueText(page, currency, value)}</>;
}

const numeric = (v: TermValue) => v.kind === 'amount' || v.kind === 'number' || v.kind === 'percent';

function Block(props: { page: PageContext; currency: string; block: TermBlock; id: string }) {
  const { page, currency, block } = props;
  const m = page.messages(contractsMessages);
  if (block.kind === 'facts') {
    if (block.facts.length === 0) return null;
    return (
      <dl class="facts">
        {block.facts.map((f) => (<><dt>{m(f.label as Key)}</dt><dd><Value page={page} currency={currency} value={f.value} /></dd></>))}
      </dl>
    );
  }
  if (block.kind === 'raw') return <pre class="raw-terms">{block.json}</pre>;
  const t = block.table;
  return (
    <div class="table-wrap" tabindex={0}>
      <table id={props.id}>
        <caption>{m(t.caption as Key)}</caption>
        <thead>
          <tr><td></td>{t.columns.map((c) => <th scope="col">{m(c as Key)}</th>)}</tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr>
              <th scope="row"><Value page={page} currency={currency} value={r.head} /></th>
              {r.cells.map((cell) => <td class={numeric(cell) ? 'num' : undefined}><Value page={page} currency={currency} value={cell} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TermsSections(props: { page: PageContext; doc: TermsDocument }) {
  const { page, doc } = props;
  return (
    <>
      <nav aria-labelledby="contents-heading" class="panel">
        <h2 id="contents-heading">{page.messages(contractsMessages)('page.contents')}</h2>
        <ol>{doc.sections.map((s) => <li><a href={`#${s.id}`}>{valueText(page, doc.currency, s.heading)}</a></li>)}</ol>
      </nav>
      {doc.sections.map((s) => (
        <section id={s.id} class="panel terms-section" aria-labelledby={`${s.id}-heading`} data-rule-kind={s.ruleKind}>
          <h2 id={`${s.id}-heading`}>{valueText(page, doc.currency, s.heading)}</h2>
          {s.blocks.map((b, i) => <Block page={page} currency={doc.currency} block={b} id={`${s.id}-${i}`} />)}
        </section>
      ))}
    </>
  );
}
