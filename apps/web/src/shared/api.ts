import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '@fairops/api-client';
import { endSession, readSession } from './session';

export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
export type FieldIssue = Schema<'FieldIssueDto'>;

/**
 * An answer of the API that is not a success, or no answer at all (`status` 0: the network failed).
 * Pages show it through `describeError`, never as raw JSON.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** The field errors of a validation answer (`details` as `[{ field, reasons }]`), by field. */
  get fields(): Record<string, string> {
    if (!Array.isArray(this.details)) return {};
    return Object.fromEntries((this.details as FieldIssue[]).map((issue) => [issue.field, issue.reasons.join(', ')]));
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = readSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response, request }) {
    // A token that no longer works ends the session once, for every page; the log-in itself is exempt.
    if (response.status === 401 && readSession() && !request.url.endsWith('/auth/login')) endSession('expired');
    return response;
  },
};

/** The generated client of the API, same origin, with the session's token on every request. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

interface ClientAnswer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of an answer, or an ApiError saying why not. Network failures (no answer) become status 0,
 * so that a page can tell "offline" from a refusal.
 */
export async function unwrap<T>(call: Promise<ClientAnswer<T>>): Promise<T> {
  let answer: ClientAnswer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (answer.response.ok) return answer.data as T;
  const body = (answer.error ?? {}) as { error?: string; message?: string; details?: unknown; requestId?: string };
  throw new ApiError(answer.response.status, body.error ?? `http_${answer.response.status}`, body.message ?? answer.response.statusText, body.details, body.requestId);
}
