// `npm run build:web [-- OUT_DIR]`: writes the dashboard's browser bundles to dist/web/ (or
// OUT_DIR) so that a container serves them without running esbuild on the first request
// (issue 9; Dockerfile). dashboard/web-bundle.ts reads them from dist/web/.
import { relative, resolve } from 'node:path';
import { DIST_WEB_DIR, writeWebBundles } from '../dashboard/web-bundle.ts';

const outDir = process.argv[2] ? resolve(process.argv[2]) : DIST_WEB_DIR;
const written = await writeWebBundles(outDir);
for (const file of written) {
  const shown = relative(process.cwd(), file);
  console.log(`built ${shown.startsWith('..') ? file : shown}`);
}
