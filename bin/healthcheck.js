#!/usr/bin/env node
// The container health check (Dockerfile HEALTHCHECK, docker-compose.yml): GET /readyz on this
// service's HTTP port, GIVRE_HTTP_PORT (8080 by default, as in platform/config.ts). Exits 0 on
// 200, 1 on anything else, on no answer, or after 3 s. Plain JavaScript run by node itself:
// slim images have no curl, and loading tsx would make every probe slower.
import { request } from 'node:http';
import { setTimeout } from 'node:timers';

/** Longest the probe waits for an answer, ms: under the HEALTHCHECK --timeout. */
const TIMEOUT_MS = 3000;

const raw = process.env.GIVRE_HTTP_PORT || '8080';
const port = Number(raw);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`healthcheck: GIVRE_HTTP_PORT=${JSON.stringify(raw)} is not a port`);
  process.exit(1);
}
// The service listens on GIVRE_BIND_HOST; the wildcard addresses are reached through loopback.
const bind = process.env.GIVRE_BIND_HOST || '127.0.0.1';
const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;

const fail = (why) => {
  console.error(`healthcheck: http://${host}:${port}/readyz ${why}`);
  process.exit(1);
};
setTimeout(() => fail(`gave no answer within ${TIMEOUT_MS} ms`), TIMEOUT_MS);
request({ host, port, path: '/readyz', method: 'GET' }, (res) => {
  res.resume();
  if (res.statusCode === 200) process.exit(0);
  fail(`answered ${res.statusCode}`);
})
  .on('error', (err) => fail(`failed: ${err.message}`))
  .end();
