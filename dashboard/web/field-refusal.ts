import { api } from './session-client.ts';

/** The server refused what a form sent; `field` names the input at fault when it says (GIVRE_ERR_INVALID_FIELD). */
export class FieldRefused extends Error {
  constructor(
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}

/** A JSON request from a form: its answer, or a `FieldRefused` with the server's message and field. */
export async function sendForm(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await api(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { error?: { message?: string; field?: string } };
  if (!res.ok) throw new FieldRefused(json.error?.message ?? String(res.status), json.error?.field);
  return json;
}
