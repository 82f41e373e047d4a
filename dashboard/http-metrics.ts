import type { RequestHandler } from 'express';
import type { MetricsRegistry } from '../platform/metrics.ts';

/**
 * Counts every response by route *template* (`/api/vans/:van`), never the raw path: a
 * scanner probing a million URLs must not create a million series. Requests that match
 * no route share the label `unmatched`.
 */
export function httpMetrics(metrics: MetricsRegistry): RequestHandler {
  const requests = metrics.counter(
    'givre_http_requests_total',
    'HTTP responses sent, by route template and status.',
  );
  return (req, res, next) => {
    res.on('finish', () => {
      // Express sets `req.route` on the route that handled the request; it stays set afterwards.
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
      requests.inc({ route, status: String(res.statusCode) });
    });
    next();
  };
}
