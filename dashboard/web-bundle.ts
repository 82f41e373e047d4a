import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The browser sources, beside this file. */
export const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

/**
 * Bundles `web/main.ts` (with socket.io-client and the shared event types) in memory with
 * esbuild: no build step for a clone, and nothing written to disk. Built once per server,
 * on first use; a failed build rejects, so `listen()` fails at start-up, not on first visit.
 */
export interface WebBundle {
  script(): Promise<string>;
}

export function createWebBundle(entry = `${WEB_DIR}main.ts`): WebBundle {
  let built: Promise<string> | undefined;
  return {
    script() {
      built ??= esbuild
        .build({
          entryPoints: [entry],
          bundle: true,
          write: false,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          legalComments: 'none',
          logLevel: 'silent',
        })
        .then((result) => {
          const file = result.outputFiles[0];
          if (!file) throw new Error('esbuild produced no output for the dashboard');
          return file.text;
        });
      return built;
    },
  };
}
