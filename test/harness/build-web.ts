import { writeWebBundles } from '../../dashboard/web-bundle.ts';

/**
 * Vitest global setup: the browser bundles are built once before any test, as `npm start` and
 * the image build do, so every dashboard a test starts (in process or as `givre dashboard`)
 * serves the code under test, and a single `npx vitest run file` needs no build step first.
 */
export default async function setup(): Promise<void> {
  await writeWebBundles();
}
