import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingsAt, startDashboard, type TestDashboard } from './harness/dashboard.ts';

const T0 = Date.UTC(2025, 10, 26, 6, 0, 0);

describe('dashboard HTTP API (real server on port 0)', () => {
  let dash: TestDashboard;
  const get = (path: string, init?: RequestInit) => fetch(`${dash.url}${path}`, init);

  beforeAll(async () => {
    dash = await startDashboard();
    dash.publish('VAN-02', readingsAt(T0, { chilled: 4.2 }));
    dash.publish('VAN-01', readingsAt(T0, { chilled: 3.4, frozen: -19 }, { chilled: false }));
  });
  afterAll(async () => {
    await dash?.close();
  });

  it('GET /healthz answers ok while the process runs', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is 200 when ready and 503 with the failing check when not', async () => {
    const ok = await get('/readyz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ready', checks: { store: { ok: true } } });

    dash.setReadiness({ ready: false, checks: { broker: { ok: false, detail: 'not connected' } } });
    try {
      const down = await get('/readyz');
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        status: 'not ready',
        checks: { broker: { ok: false, detail: 'not connected' } },
      });
    } finally {
      dash.setReadiness({ ready: true, checks: {} });
    }
  });

  it('GET /api/vans lists every van sorted by id', async () => {
    const res = await get('/api/vans');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const vans = (await res.json()) as Array<{
      van: string;
      compartments: Record<string, { celsius: number }>;
    }>;
    expect(vans.map((v) => v.van)).toEqual(['VAN-01', 'VAN-02']);
    expect(vans[0]?.compartments.frozen?.celsius).toBe(-19);
  });

  it('GET /api/vans/:van returns one van, 404 for an unknown one, 400 for a malformed id', async () => {
    const one = await get('/api/vans/VAN-02');
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ van: 'VAN-02', compartments: { chilled: { celsius: 4.2 } } });

    const unknown = await get('/api/vans/VAN-99');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'GIVRE_ERR_NOT_FOUND', message: 'unknown van VAN-99' },
    });

    for (const bad of ['VAN%2F01', 'van%20one', 'x'.repeat(40), '%23']) {
      const res = await get(`/api/vans/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: 'GIVRE_ERR_BAD_REQUEST', message: 'invalid van id' },
      });
    }
  });

  it('answers unknown API routes and wrong methods with a JSON error', async () => {
    const missing = await get('/api/loads');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('GIVRE_ERR_NOT_FOUND');

    const wrongMethod = await get('/api/vans', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe('GIVRE_ERR_METHOD');
  });

  it('refuses a malformed JSON body with a 400 JSON error, never a stack trace', async () => {
    const res = await get('/api/vans', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"van": "VAN-01",',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'GIVRE_ERR_BAD_REQUEST', message: 'request body is not valid JSON' },
    });
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('refuses a JSON body over 64 kB with 413', async () => {
    const res = await get('/api/vans', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'GIVRE_ERR_PAYLOAD_TOO_LARGE',
    );
  });

  it('sends security headers, with a CSP that allows no inline script', async () => {
    for (const path of ['/', '/api/vans', '/nope']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('serves the page, its stylesheet and the bundled script', async () => {
    const page = await get('/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).not.toMatch(/<script>|style="/);
    expect((await get('/style.css')).headers.get('content-type')).toMatch(/^text\/css/);
    const app = await get('/app.js');
    expect(app.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await app.text()).length).toBeGreaterThan(1000);
    // The TypeScript sources of the pages (dashboard/web/) are not served.
    expect((await get('/main.ts')).status).toBe(404);
  });

  it('GET /metrics renders Prometheus text, counting requests by route template', async () => {
    await get('/api/vans/VAN-01');
    await get('/api/vans/VAN-02');
    await get('/some/random/path');
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE givre_http_requests_total counter');
    expect(text).toMatch(/givre_http_requests_total\{route="\/api\/vans\/:van",status="200"\} [3-9]/);
    expect(text).toContain('givre_http_requests_total{route="unmatched",status="404"}');
    expect(text).not.toContain('VAN-01');
    expect(text).not.toContain('/some/random/path');
    expect(text).toContain('givre_dashboard_sockets 0');
  });
});
