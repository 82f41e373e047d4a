import { z } from 'zod';
import { Load } from '../loads/load.ts';
import { ProductProfile } from '../product-profiles.ts';
import { ColdChainAnswer } from './cold-chain.ts';

/**
 * The loads API's answers (issue 12: typed by zod schemas the server and the pages share).
 * Loads themselves: `Load` (core/loads/load.ts); the form's choices: core/loads/load-choices.ts.
 */

export const LoadList = z.array(Load);

/** `GET /api/profiles`. */
export const ProfileList = z.array(ProductProfile);

/** `POST /api/loads/{id}/events`: the load after the event, and the certificate it issued. */
export const LoadEventAnswer = z.strictObject({ load: Load, certificate: z.string().optional() });
export type LoadEventAnswer = z.infer<typeof LoadEventAnswer>;

export const Verdict = z.enum(['compliant', 'non-compliant', 'incomplete']);

/** One version of a load's certificate (`GET /api/loads/{id}/certificates`). */
export const CertificateSummary = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  issuedAt: z.number(),
  verdict: Verdict,
  provisional: z.boolean(),
  gapsDeclaredLost: z.strictObject({ by: z.string(), at: z.number(), reason: z.string() }).nullable(),
  supersededBy: z.string().nullable(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;
export const CertificateSummaries = z.array(CertificateSummary);

/**
 * `GET /api/associations/{id}/loads`: the association's loads, each with its certificates and,
 * from the current one, its time out of cold and disposition (issue 16) when it states them.
 */
export const AssociationLoads = z.array(
  z.strictObject({ load: Load, certificates: CertificateSummaries, coldChain: ColdChainAnswer.optional() }),
);
export type AssociationLoads = z.infer<typeof AssociationLoads>;

/** Why a certificate does not check out, in every language (it is shown as the server words it). */
const Refusal = z.strictObject({ fr: z.string(), en: z.string(), nl: z.string() });

/** `POST /api/certificates/verify`: public, for a charity or an inspector. */
export const VerifyAnswer = z.discriminatedUnion('valid', [
  z.strictObject({ valid: z.literal(false), reason: Refusal }),
  z.strictObject({
    valid: z.literal(true),
    id: z.string(),
    known: z.boolean(),
    supersededBy: z.string().nullable(),
    verdict: Verdict,
    provisional: z.boolean(),
    load: z.strictObject({ id: z.string(), recipient: z.string(), deliveredAt: z.number().nullable() }),
  }),
]);
export type VerifyAnswer = z.infer<typeof VerifyAnswer>;
