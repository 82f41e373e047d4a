import { Router } from 'express';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { Readiness } from './deps.ts';

/** Prometheus text exposition format 0.0.4. */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `/healthz` answers while the process can serve HTTP (liveness: restart me if not);
 * `/readyz` says whether its dependencies are usable (readiness: send me traffic or not).
 */
export function healthRoutes(deps: { metrics: MetricsRegistry; readiness: () => Readiness }): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const { ready, checks } = deps.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  router.get('/metrics', (_req, res) => {
    res.type(PROMETHEUS_CONTENT_TYPE).send(deps.metrics.render());
  });
  return router;
}
