import { z } from 'zod';
import { AssociationChoice } from '../associations/association.ts';
import { CompartmentId, VanId } from '../ids.ts';
import { ProductProfile } from '../product-profiles.ts';

/** A van a load may be planned on, with the compartments it has. */
export const KnownVan = z.strictObject({ id: VanId, compartments: z.array(CompartmentId) });
export type KnownVan = z.infer<typeof KnownVan>;

/** What the load form may offer (`GET /api/load-choices`, issue 12), parsed by the browser too. */
export const LoadChoices = z.strictObject({
  vans: z.array(KnownVan),
  associations: z.array(AssociationChoice),
  profiles: z.array(ProductProfile),
});
export type LoadChoices = z.infer<typeof LoadChoices>;
