#!/usr/bin/env node
// Makes sure the system programs the integration tests drive are installed: real peers,
// never mocks. As root with apt it installs what is missing; otherwise it stops with one
// line saying what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { binary: 'mosquitto', paths: ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'], pkg: 'mosquitto' },
  { binary: 'mosquitto_pub', paths: ['/usr/bin/mosquitto_pub'], pkg: 'mosquitto-clients' },
  { binary: 'chromium', paths: ['/usr/bin/chromium'], pkg: 'chromium' },
  { binary: 'influxd', paths: ['/usr/bin/influxd'], pkg: 'influxdb' },
  { binary: 'pdftoppm', paths: ['/usr/bin/pdftoppm'], pkg: 'poppler-utils' },
  { binary: 'openssl', paths: ['/usr/bin/openssl'], pkg: 'openssl' },
];

const missing = NEEDED.filter((n) => !n.paths.some((p) => existsSync(p)));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((m) => m.pkg))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `givre tests need ${missing.map((m) => m.binary).join(', ')}: install with: sudo apt-get install -y ${packages.join(' ')}`,
  );
  process.exit(1);
}
console.error(`installing ${packages.join(' ')} for the integration tests…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
} catch {
  console.error(`could not install ${packages.join(' ')}: run apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}
