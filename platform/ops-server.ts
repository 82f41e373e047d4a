import { createServer } from 'node:http';
import type { MetricsRegistry } from './metrics.ts';

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string | undefined }>;
}

/**
 * `/healthz`, `/readyz` and `/metrics` for a service that has no dashboard of its own
 * (`givre ingest` run alone), so that an orchestrator can probe and scrape it.
 */
export function createOpsServer(deps: { metrics: MetricsRegistry; readiness: () => Readiness }) {
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') {
      return send(
        405,
        'application/json',
        JSON.stringify({ error: { code: 'GIVRE_ERR_METHOD', message: 'method not allowed' } }),
      );
    }
    switch (new URL(req.url ?? '/', 'http://localhost').pathname) {
      case '/healthz':
        return send(200, 'application/json', JSON.stringify({ status: 'ok' }));
      case '/readyz': {
        const readiness = deps.readiness();
        return send(readiness.ready ? 200 : 503, 'application/json', JSON.stringify(readiness));
      }
      case '/metrics':
        return send(200, 'text/plain; version=0.0.4; charset=utf-8', deps.metrics.render());
      default:
        return send(
          404,
          'application/json',
          JSON.stringify({ error: { code: 'GIVRE_ERR_NOT_FOUND', message: 'not found' } }),
        );
    }
  });
  return {
    listen(port: number, host: string): Promise<{ port: number }> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : port });
        });
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
