import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

export type { components, operations, paths } from './schema.ts';

/** A schema of the API by its name in /openapi.json: `Schema<'RecordedSettlement'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type OutcomeLedgerClient = Client<paths>;

/**
 * A typed client of the Outcome Ledger API (openapi-fetch over the generated ./schema.ts): paths, parameters,
 * bodies, answers and problem+json errors are all typed.
 *
 *     const api = createOutcomeLedgerClient({ baseUrl: 'https://ledger.example', apiKey });
 *     const { data, error } = await api.GET('/v1/contracts/{id}/status', { params: { path: { id } } });
 */
export function createOutcomeLedgerClient(options: ClientOptions & { apiKey?: string | undefined }): OutcomeLedgerClient {
  const { apiKey, ...clientOptions } = options;
  const client = createClient<paths>(clientOptions);
  if (apiKey !== undefined) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    });
  }
  return client;
}
