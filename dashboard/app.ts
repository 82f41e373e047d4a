import express, { type Express } from 'express';
import { alertRoutes } from './alert-routes.ts';
import { associationRoutes } from './associations/association-routes.ts';
import { adminRoutes } from './auth/admin-routes.ts';
import { auditTrail } from './auth/audit-trail.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { csrfGuard, identify, signInGate } from './auth/session-gate.ts';
import { calibrationRoutes } from './calibration-routes.ts';
import { deviceRoutes } from './devices/device-routes.ts';
import type { DashboardDeps } from './deps.ts';
import { healthRoutes } from './health-routes.ts';
import { historyRoutes } from './history-routes.ts';
import { errorHandler, notFound } from './http-errors.ts';
import { httpMetrics } from './http-metrics.ts';
import { certificateRoutes, publicCertificateRoutes } from './certificates/certificate-routes.ts';
import { loadRoutes } from './loads/load-routes.ts';
import { onBoardRoutes } from './loads/on-board-routes.ts';
import { mapRoutes, tileImageSource } from './map-routes.ts';
import { pageBundles, pageRoutes, type BundleId } from './pages.ts';
import { pushRoutes } from './push-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { vanRoutes } from './van-routes.ts';
import type { WebBundle } from './web-bundle.ts';
import { vanCsvRoutes } from './vans/van-csv-routes.ts';
import { vanGapRoutes } from './vans/van-gap-routes.ts';
import { keepRawBody } from './raw-body.ts';
import { GivreError } from '../platform/errors.ts';

/** Largest JSON request body, bytes. The API's future POSTs (acks, loads) are a few hundred bytes. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the dashboard's express app; `server.ts` listens (and reads the bundles first, so a
 * missing or stale one stops the start). Tests may use the app alone.
 */
export function createDashboardApp(
  deps: DashboardDeps,
  bundles: Record<BundleId, WebBundle> = pageBundles(),
): Express {
  const app = express();
  app.disable('x-powered-by');
  // Express' ETag would make live API answers look cacheable; `no-store` is set where it matters.
  app.set('etag', false);
  app.use(httpMetrics(deps.metrics));
  app.use(securityHeaders(tileImageSource(deps.map?.tileUrl)));
  // Public (issue 4): health and metrics are for probes and the scraper, on the private network.
  app.use(healthRoutes(deps));
  // Issue 11 (6): after the probes (which come by IP or a container's name), before anything
  // a person sees: a request for a host name this dashboard is not known by is refused.
  const hosts = deps.hosts;
  if (hosts)
    app.use((req, _res, next) =>
      next(hosts.allows(req.headers.host) ? undefined : new GivreError('GIVRE_ERR_HOST')),
    );
  app.use(identify(deps.auth));
  const audit = auditTrail(deps.auth);
  app.use(
    '/api',
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    // Parsed before routing so that a malformed body is a 400 wherever it is sent. The text is
    // kept too: a certificate is verified as it was given (certificate-routes.ts).
    express.json({ limit: JSON_BODY_LIMIT_BYTES, verify: keepRawBody }),
    authRoutes(deps.auth, deps.hosts?.publicOrigin),
  );
  const pages = pageRoutes(deps, bundles);
  // Public: checking a certificate (an inspector may have no account), signing in, the static files.
  if (deps.loads) app.use('/api', publicCertificateRoutes(deps.loads));
  app.use(pages.open);
  // Everything mounted below needs a signed-in person (issue 11, 4: one gate, whatever the
  // path's case or trailing slash), and a CSRF token to change anything (403).
  app.use(signInGate(deps.auth), csrfGuard);
  app.use('/api', vanRoutes(deps.fleet));
  if (deps.history) app.use('/api', historyRoutes(deps.history));
  if (deps.readings) app.use('/api', vanCsvRoutes(deps.readings));
  if (deps.seqTracks) app.use('/api', vanGapRoutes(deps.seqTracks));
  if (deps.alerts) app.use('/api', alertRoutes(deps.alerts, audit));
  if (deps.loads) app.use('/api', loadRoutes(deps.loads, audit), certificateRoutes(deps.loads, audit));
  app.use('/api', onBoardRoutes(deps.loads, deps.alerts));
  if (deps.auth) app.use('/api', adminRoutes(deps.auth));
  if (deps.auth && deps.devices)
    app.use('/api', deviceRoutes(deps.devices, deps.fleet, audit, deps.auth.now));
  app.use('/api', calibrationRoutes(deps.calibrations, deps.fleet, audit, deps.now ?? Date.now));
  if (deps.associations) app.use('/api', associationRoutes(deps.associations, audit, deps.now ?? Date.now));
  app.use('/api', mapRoutes(deps.map));
  // Issue 15: a person's own push subscriptions and notification choices need people.
  if (deps.auth && deps.push) app.use('/api', pushRoutes(deps.push));
  app.use(pages.signedIn);
  app.use(notFound);
  app.use(errorHandler(deps.logger.child('http')));
  return app;
}
