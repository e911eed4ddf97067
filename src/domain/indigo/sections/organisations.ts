import { standardCodelists } from '../standard.ts';
import type { IndigoOrganisation, organisationTypeValues } from '../types.ts';
import { type ExportContext, organisationReference } from './context.ts';

const countries = new Set(standardCodelists['countries.csv']);

/** Our organisation kinds → the standard's organisation type; only a public authority's type is certain from its kind. */
const organisationTypes: Record<string, (typeof organisationTypeValues)[number] | undefined> = {
  public_authority: 'Government body',
};

/**
 * The organisation records (the standard's organisation.json) of every organisation the project
 * names, once each, in party order. `id` is the reference the project uses; `org-ids.primary` is
 * the identifier the organisation declared (left out for a local fallback id, which is no
 * registered identifier); jurisdiction is the country of a country-based org-id list (`GB-COH` → GB).
 */
export function organisations(x: ExportContext): { id: string; data: IndigoOrganisation }[] {
  const seen = new Map<string, { id: string; data: IndigoOrganisation }>();
  for (const party of x.input.parties) {
    const id = organisationReference(party);
    const entry = seen.get(id);
    const roles = x.partyByKey.get(party.partyKey)?.roles ?? party.roles;
    const role = `${x.partyName(party.partyKey)} (party "${party.partyKey}": ${roles.join(', ')})`;
    if (entry) {
      entry.data.description = { value: `${entry.data.description!.value}; ${role}` };
      continue;
    }
    const country = party.identifier?.slice(0, 2);
    const type = party.organisationKind ? organisationTypes[party.organisationKind] : undefined;
    seen.set(id, {
      id,
      data: {
        status: x.PUBLIC,
        name: { value: party.organisationName },
        description: { value: `Party to the outcomes contract ${x.input.reference} as ${role}` },
        ...(country && countries.has(country) && { jurisdiction: { value: country } }),
        ...(type && { type: { value: type } }),
        ...(party.identifier && { 'org-ids': { primary: { value: party.identifier } } }),
      },
    });
  }
  return [...seen.values()];
}
