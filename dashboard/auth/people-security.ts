import { createAuthFeature, type AuthFeature } from './auth-feature.ts';
import { provisionUser } from './user-provisioning.ts';
import type { StateDb } from '../../state/state-db.ts';
import type { Credentials } from '../../broker/device-security.ts';

/** The association of the demo's association user (its page: `/associations/resto-du-coeur-mons`). */
export const DEMO_ASSOCIATION = 'resto-du-coeur-mons';

export interface DemoUser extends Credentials {
  role: string;
  scope: string;
}

/**
 * The people half of issue 4 for `givre start`: users, sessions and the audit log in the
 * state store. `open` leaves the dashboard without users — only for integration tests of
 * other features (`startTestSystem`'s default); `givre start` always enforces users.
 */
export function createPeopleSecurity(options: {
  stateDb: StateDb;
  mode: 'users' | 'open';
  /** The dashboard serves HTTPS: session cookies get `Secure`. */
  tls: boolean;
}): { auth: AuthFeature | undefined; provisionDemo(firstVan: string): Promise<DemoUser[]> } {
  if (options.mode === 'open') return { auth: undefined, provisionDemo: async () => [] };
  const auth = createAuthFeature({ stateDb: options.stateDb, secureCookies: options.tls });
  return {
    auth,
    /**
     * One user per role, with fresh passwords at each demo start (printed once). A name an
     * administrator created (`givre user add`) is never taken over by the demo.
     */
    async provisionDemo(firstVan) {
      const demo = [
        { username: 'admin', role: 'admin', scope: '' },
        { username: 'coordination', role: 'coordinator', scope: '' },
        { username: 'chauffeur', role: 'driver', vans: [firstVan], scope: firstVan },
        {
          username: 'association',
          role: 'association',
          association: DEMO_ASSOCIATION,
          scope: DEMO_ASSOCIATION,
        },
      ];
      const out: DemoUser[] = [];
      for (const { scope, ...user } of demo) {
        const existing = auth.users.get(user.username);
        if (existing && existing.origin !== 'demo') continue;
        const password = await provisionUser(auth.users, user, {
          origin: 'demo',
          now: auth.now(),
          replace: true,
        });
        out.push({ username: user.username, password, role: user.role, scope });
      }
      return out;
    },
  };
}
