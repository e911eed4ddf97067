import type { IndigoSource } from '../types.ts';
import { LEDGER_SOURCE, type ExportContext } from './context.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * sources: the ledger's record of the contract first (type "Contract": the terms the parties
 * approved, with the obligations, payments and results recorded under them), then each published
 * source of the definition (type "Website": a URL whose kind we do not know).
 */
export function sources(x: ExportContext): IndigoSource[] {
  const { input, d, PUBLIC } = x;
  return [
    {
      id: LEDGER_SOURCE,
      name: { value: `Outcome Ledger contract ${input.projectId} (${input.reference})` },
      type: { value: 'Contract' },
      accessed_date: { value: x.asOf },
      notes: 'The contract terms approved by the parties in Outcome Ledger, with the obligations, settlements, drawdowns, distributions and validated results recorded under them.',
      status: PUBLIC,
    },
    ...(d.source?.urls ?? []).map((url, i): IndigoSource => ({
      id: `source${i + 2}`,
      name: { value: hostOf(url) },
      type: { value: 'Website' },
      url: { value: url },
      status: PUBLIC,
    })),
  ];
}
