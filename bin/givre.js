#!/usr/bin/env node
// Givre runs its TypeScript sources as they are (bin/ts-hooks.js), so a clone needs no build step.
import './register-ts.js';

await import('../cli/main.ts');
