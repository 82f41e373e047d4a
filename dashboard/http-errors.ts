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

export function toGivreError(err: unknown): GivreError {
  if (err instanceof GivreError) return err;
  const type = (err as { type?: unknown } | null)?.type;
  const code = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (code === 'GIVRE_ERR_BAD_REQUEST' && type === 'entity.parse.failed')
    return new GivreError(code, 'request body is not valid JSON');
  return new GivreError(code ?? 'GIVRE_ERR_INTERNAL');
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
