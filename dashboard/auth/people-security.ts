import type { AuthFeature } from './auth-feature.ts';
import { provisionUser } from './user-provisioning.ts';
import type { Credentials } from '../../platform/service-credentials.ts';
import { DEMO_ASSOCIATION } from '../associations/demo-associations.ts';

export interface DemoUser extends Credentials {
  role: string;
  scope: string;
}

/**
 * The demo's people (issue 4, `givre start --simulate`): one user per role, with fresh
 * passwords at each demo start (printed once). A name an administrator created (`givre user
 * add`) is never taken over by the demo. The demo's associations are recorded first
 * (`seedDemoAssociations`): its association user belongs to one, as outside the demo.
 */
export function createPeopleDemo(auth: AuthFeature): (firstVan: string) => Promise<DemoUser[]> {
  return async (firstVan) => {
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
        associations: auth.associations,
      });
      out.push({ username: user.username, password, role: user.role, scope });
    }
    return out;
  };
}
