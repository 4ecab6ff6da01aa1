import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
export type FairOpsClient = Client<paths>;
/** A schema of the document by name: `Schema<'JurorPrizeDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * A typed client of the FairOps API (openapi-fetch over the generated types of the OpenAPI document).
 * `baseUrl` is the server's root (`http://127.0.0.1:3000`); paths carry /api/v1. With a token, every
 * request sends it as a bearer token.
 */
export function createFairOpsClient(baseUrl: string, token?: string): FairOpsClient {
  return createClient<paths>({ baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}
