import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { driverAppRoutes, SERVICE_WORKER_URL, type DriverAppOptions } from './driver-app.ts';

const servers: Array<ReturnType<ReturnType<typeof express>['listen']>> = [];

/** The app's public routes on loopback, with bundles and style sheets given as text. */
async function serve(files: { worker: string; page: string; css: string }) {
  const options: DriverAppOptions = {
    worker: { script: () => Promise.resolve(files.worker) },
    driverPage: { script: () => Promise.resolve(files.page) },
    driverScript: '/driver.js',
    stylesheets: ['/driver.css'],
    shellHtml: '<!doctype html><title>Givre</title>',
    stylesheet: () => Promise.resolve(Buffer.from(files.css)),
  };
  const app = express().use(driverAppRoutes(options).open);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const text = await (await fetch(`${url}${SERVICE_WORKER_URL}`)).text();
  const shell = JSON.parse(/^var GIVRE_SHELL = (.*);$/m.exec(text)![1]!) as {
    version: string;
    files: string[];
  };
  return { text, shell };
}

describe('the driver app’s service worker script (issue 15)', () => {
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  });
  const build = { worker: 'self.addEventListener("install", () => {});', page: 'console.log(1)', css: 'a{}' };

  it('names the shell it caches: the page, its bundle and style sheets, the manifest and icons', async () => {
    const { text, shell } = await serve(build);
    expect(shell.files.slice(0, 4)).toEqual([
      '/driver-shell.html',
      '/driver.js',
      '/driver.css',
      '/driver.webmanifest',
    ]);
    expect(shell.files.filter((f) => f.startsWith('/icons/'))).toHaveLength(4);
    // The bundle in a scope of its own, after the one line the server writes.
    expect(text).toContain(`(() => {\n${build.worker}\n})();`);
  });

  it('keeps its version while the build is the same, and changes it with any file of the shell', async () => {
    const { shell } = await serve(build);
    expect((await serve(build)).shell.version).toBe(shell.version);
    for (const changed of [{ css: 'a{color:red}' }, { page: 'console.log(2)' }, { worker: '/* 2 */' }])
      expect((await serve({ ...build, ...changed })).shell.version, JSON.stringify(changed)).not.toBe(
        shell.version,
      );
  });
});
