// Node's module hooks (node:module `register`) that run Givre's TypeScript sources (issue 14):
// each `.ts` file is compiled by esbuild as it is loaded, types removed, nothing renamed. tsx,
// which did this before, always compiles with esbuild's `keepNames`, and that wraps every
// function created at run time in a naming helper: at one reading per message the helper and
// the property it defines were about 5 % of ingest's thread. Without minifying, no name changes
// anyway, so nothing relies on the helper. Runs on Node's loader thread.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

/**
 * tsconfig.json's options that change what esbuild emits (ES2022 class fields; imports kept as
 * written). The inline source map makes a stack trace name the TypeScript lines.
 */
const OPTIONS = {
  loader: 'ts',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
};

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), { ...OPTIONS, sourcefile: basename(path) });
  return { format: 'module', source: code, shortCircuit: true };
}
