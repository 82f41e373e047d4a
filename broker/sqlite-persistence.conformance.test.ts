import assert from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqlitePersistence } from './sqlite-persistence.ts';

/** What abstract.js uses of a `node:test` test context. */
interface NodeTestContext {
  plan(count: number): void;
  assert: typeof assert;
  diagnostic(message: string): void;
}

type AbstractSuite = (options: {
  test: (name: string, body: (t: NodeTestContext) => Promise<void>) => void;
  persistence: () => unknown;
  testAsync: boolean;
}) => void;

const require = createRequire(import.meta.url);
/** The upstream conformance suite every aedes persistence must pass (aedes-persistence README). */
const abstractPersistence = require('aedes-persistence/abstract.js') as AbstractSuite;

/**
 * Runs abstract.js, written for `node:test`, as vitest tests: `t.assert` is node:assert with
 * its calls counted, so that `t.plan(n)` fails a test that made another number of assertions,
 * as node:test's does.
 */
function asVitestTest(name: string, body: (t: NodeTestContext) => Promise<void>): void {
  it(name, async () => {
    let planned: number | undefined;
    let made = 0;
    const counted = new Proxy(assert, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          made++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await body({ plan: (count) => (planned = count), assert: counted, diagnostic: () => undefined });
    if (planned !== undefined) expect(made, 'assertions made, as planned').toBe(planned);
  });
}

describe('aedes-persistence 11 conformance suite (abstract.js) on broker.db', () => {
  const dir = mkdtempSync(join(tmpdir(), 'givre-broker-conformance-'));
  let files = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  abstractPersistence({
    test: asVitestTest,
    // A new file for each test, as the suite expects a new, empty persistence.
    persistence: () => new SqlitePersistence(join(dir, `broker-${++files}.db`)),
    testAsync: true,
  });
});
