import type { z } from 'zod';
import { ApiErrorBody } from '../../core/api/api-error.ts';
import { api } from './session-client.ts';

/** A refusal of the API, with its code and, when the refusal is about one, the field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * An API call whose answer is checked against the schema the server writes it by (issue 12:
 * core/api/, shared by server and browser), instead of cast: a page never draws a shape it
 * did not get. A refusal rejects with an ApiError carrying the server's code and message.
 */
export async function apiJson<S extends z.ZodType>(
  schema: S,
  url: string,
  init: { method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<z.output<S>> {
  const res = await api(url, {
    ...(init.method ? { method: init.method } : {}),
    ...(init.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const refusal = ApiErrorBody.safeParse(body);
    if (!refusal.success) throw new ApiError(res.status, undefined, `${url}: ${res.status}`);
    const { code, message, field } = refusal.data.error;
    throw new ApiError(res.status, code, message, field);
  }
  return schema.parse(body);
}
