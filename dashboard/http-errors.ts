import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GivreError, type ErrorCode } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';

/** Unknown route: the same JSON error shape as every other failure. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new GivreError('GIVRE_ERR_NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

/** A route that exists, called with a method it does not answer. */
export const methodNotAllowed: RequestHandler = (req, _res, next) => {
  next(new GivreError('GIVRE_ERR_METHOD', `${req.method} is not allowed on ${req.baseUrl}${req.path}`));
};

/** body-parser (express.json) reports its failures with a `type`; map them onto our codes. */
const BODY_ERRORS: Record<string, ErrorCode> = {
  'entity.parse.failed': 'GIVRE_ERR_BAD_REQUEST',
  'entity.too.large': 'GIVRE_ERR_PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'GIVRE_ERR_UNSUPPORTED_MEDIA',
  'charset.unsupported': 'GIVRE_ERR_UNSUPPORTED_MEDIA',
  'request.aborted': 'GIVRE_ERR_BAD_REQUEST',
  'request.size.invalid': 'GIVRE_ERR_BAD_REQUEST',
};

/** Client errors by status, for http-errors that carry no `type` (issue 11, 3: a gzip body that is not gzip). */
const CLIENT_ERRORS: Record<number, ErrorCode> = {
  400: 'GIVRE_ERR_BAD_REQUEST',
  404: 'GIVRE_ERR_NOT_FOUND',
  405: 'GIVRE_ERR_METHOD',
  413: 'GIVRE_ERR_PAYLOAD_TOO_LARGE',
  415: 'GIVRE_ERR_UNSUPPORTED_MEDIA',
};

interface HttpErrorLike {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  code?: unknown;
}

export function toGivreError(err: unknown): GivreError {
  if (err instanceof GivreError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpErrorLike;
  const byType = typeof e.type === 'string' ? BODY_ERRORS[e.type] : undefined;
  if (byType === 'GIVRE_ERR_BAD_REQUEST' && e.type === 'entity.parse.failed')
    return new GivreError(byType, 'request body is not valid JSON');
  if (byType) return new GivreError(byType);
  // body-parser passes zlib's failure on as a 400 without a type; any client error that
  // http-errors marks `expose` is the client's doing, answered with a code and never logged.
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    // zlib's codes: Z_DATA_ERROR, Z_BUF_ERROR… for gzip and deflate, ERR__ERROR_FORMAT_… for br.
    if (typeof e.code === 'string' && /^(Z_|ERR__ERROR_)/.test(e.code))
      return new GivreError(
        'GIVRE_ERR_BAD_REQUEST',
        'request body is not encoded as its Content-Encoding says (gzip, deflate or br)',
      );
    return new GivreError(CLIENT_ERRORS[e.status] ?? 'GIVRE_ERR_BAD_REQUEST');
  }
  return new GivreError('GIVRE_ERR_INTERNAL');
}

/**
 * Last middleware: clients get `{ error: { code, message } }` and nothing else (STYLE.md
 * practice 7); the stack goes to our log for 5xx only, so a bad client cannot flood it.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = toGivreError(err);
    if (error.status >= 500) {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      logger.error(`${req.method} ${req.path} failed`, { code: error.code, detail });
    }
    res.status(error.status).json(error.toBody());
  };
}
