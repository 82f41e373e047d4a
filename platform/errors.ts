/**
 * The catalogue of Givre's coded errors, declared once. HTTP clients receive
 * `{ error: { code, message } }` with the status below, never a stack trace.
 */
export const ERRORS = {
  GIVRE_ERR_CONFIG: { status: 500, message: 'invalid configuration' },
  GIVRE_ERR_NOT_FOUND: { status: 404, message: 'not found' },
  GIVRE_ERR_BAD_REQUEST: { status: 400, message: 'bad request' },
  GIVRE_ERR_INVALID_FIELD: { status: 400, message: 'a field is invalid' },
  GIVRE_ERR_UNAUTHENTICATED: { status: 401, message: 'sign in first' },
  GIVRE_ERR_BAD_CREDENTIALS: { status: 401, message: 'wrong username or password' },
  GIVRE_ERR_FORBIDDEN: { status: 403, message: 'not allowed' },
  GIVRE_ERR_CSRF: { status: 403, message: 'missing or wrong X-CSRF-Token' },
  GIVRE_ERR_CONFLICT: { status: 409, message: 'conflict' },
  GIVRE_ERR_RATE_LIMITED: { status: 429, message: 'too many failed sign-ins; try again later' },
  GIVRE_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'request body too large' },
  GIVRE_ERR_UNSUPPORTED_MEDIA: { status: 415, message: 'unsupported media type' },
  GIVRE_ERR_METHOD: { status: 405, message: 'method not allowed' },
  GIVRE_ERR_HOST: { status: 421, message: 'this dashboard does not answer for that host name' },
  GIVRE_ERR_SCHEMA_NEWER: { status: 500, message: 'the state store was written by a newer Givre' },
  GIVRE_ERR_UNAVAILABLE: { status: 503, message: 'service unavailable' },
  GIVRE_ERR_INTERNAL: { status: 500, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class GivreError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The input field at fault (`van`, `recipient.id`), so a form can show the error beside it. */
  readonly field: string | undefined;
  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? ERRORS[code].message);
    this.name = 'GivreError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.field = field;
  }

  toBody(): { error: { code: ErrorCode; message: string; field?: string } } {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }
}
