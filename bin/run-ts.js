#!/usr/bin/env node
// Runs one TypeScript entry point (benchmarks, scripts, the store's worker threads) as
// bin/givre.js runs Givre (bin/ts-hooks.js).
import './register-ts.js';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(resolve(entry)).href);
