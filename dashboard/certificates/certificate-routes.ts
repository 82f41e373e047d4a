import type { AssociationLoads, CertificateSummary, VerifyAnswer } from '../../core/api/loads.ts';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { SignedCertificate } from '../../core/certificates/certificate.ts';
import { findProfile } from '../../core/product-profiles.ts';
import { GivreError } from '../../platform/errors.ts';
import type { StoredCertificate } from '../../state/certificate-repository.ts';
import { can } from '../../core/people/authz.ts';
import { NO_AUDIT, type AuditTrail } from '../auth/audit-trail.ts';
import { actorOf, principalOf } from '../auth/principal-of.ts';
import { methodNotAllowed } from '../http-errors.ts';
import { LoadIdParam, parse, requireOnLoad, visibleLoad } from '../loads/load-routes.ts';
import type { LoadsFeature } from '../loads/loads-feature.ts';
import { renderCertificateHtml } from './certificate-html.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { readCertificateDocument } from '../../compliance/certificate-document.ts';
import { verifyCertificate } from '../../compliance/certificate-signature.ts';
import { rawBodyOf } from '../raw-body.ts';
import { LANGS, type Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';
import { epcisDocument } from './epcis-event.ts';
import { readingsCsv } from './readings-csv.ts';

const CertificateIdParam = z.string().regex(/^LD-[A-Z0-9]{1,32}-v\d{1,6}$/, 'certificate id');
const text = (max: number) => z.string().trim().min(1).max(max);
/** `by` counts only on a dashboard without users; otherwise the signed-in user goes on the certificate. */
const DeclareLost = z.strictObject({ by: text(100).optional(), reason: text(500) });
/** `?lang=fr|en|nl` (French when absent), `?version=` (the current one when absent). */
const Render = z.object({
  lang: z.enum(LANGS as [Lang, ...Lang[]]).default('fr'),
  version: z.coerce.number().int().min(1).optional(),
});

/**
 * Base of the QR code and the verification link: GIVRE_PUBLIC_URL when set (behind a proxy
 * the request's host is the proxy's view, not the address printed for an association),
 * else this request's own origin.
 */
const publicBaseOf = (req: Request, publicUrl: string | undefined) =>
  publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export const certificateSummary = (s: StoredCertificate): CertificateSummary => ({
  id: s.signed.certificate.id,
  version: s.signed.certificate.version,
  issuedAt: s.signed.certificate.issuedAt,
  verdict: s.signed.certificate.report.verdict,
  provisional: s.signed.certificate.provisional,
  gapsDeclaredLost: s.signed.certificate.gapsDeclaredLost ?? null,
  supersededBy: s.supersededBy,
});

/**
 * Public (issue 4): the public key and `POST /api/certificates/verify` — a charity or an
 * inspector checking a certificate may have no account. Verification reads nothing but the
 * document it is sent, and whether that id is known.
 */
/** The installation's public key; 503 until ingest has created it (it signs, issue 9). */
function keysOf(f: LoadsFeature) {
  const keys = f.publicKeys();
  if (!keys)
    throw new GivreError(
      'GIVRE_ERR_UNAVAILABLE',
      'no certificate key yet: ingest creates it on its first start',
    );
  return keys;
}

export function publicCertificateRoutes(f: LoadsFeature): Router {
  const router = Router();
  router
    .route('/certificates/public-key')
    .get((_req, res) => void res.type('application/x-pem-file').send(keysOf(f).publicPem))
    .all(methodNotAllowed);
  // The QR code's target (issue 10, 7): the certificate version whose token this is, to anyone
  // holding it; an unknown or malformed token gets the same 404.
  router
    .route('/certificates/token/:token')
    .get((req, res) => {
      const stored = f.certificates.byToken(String(req.params.token));
      if (!stored) throw new GivreError('GIVRE_ERR_NOT_FOUND', 'no certificate matches this link');
      res.json(stored.signed);
    })
    .all(methodNotAllowed);
  router
    .route('/certificates/verify')
    .post((req, res) => {
      const reading = readCertificateDocument(rawBodyOf(req) ?? 'null');
      const result = reading.ok
        ? verifyCertificate(reading.doc, keysOf(f).publicKey)
        : { valid: false as const, reason: reading.reason };
      if (!result.valid) return void res.json(result);
      const stored = f.certificates.get(result.id);
      const c = (req.body as SignedCertificate).certificate;
      const answer: VerifyAnswer = {
        ...result,
        known: stored !== undefined,
        supersededBy: stored?.supersededBy ?? null,
        verdict: c.report.verdict,
        provisional: c.provisional,
        load: { id: c.load.id, recipient: c.load.recipient.name, deliveredAt: c.load.deliveredAt },
      };
      res.json(answer);
    })
    .all(methodNotAllowed);
  return router;
}

/**
 * `/api/loads/{id}/certificate*`, `/api/certificates/{id}`: the certificate in every form,
 * for a signed-in person who may see the load (404 otherwise, as for an unknown id).
 */
export function certificateRoutes(f: LoadsFeature, audit: AuditTrail = NO_AUDIT): Router {
  const router = Router();
  const originOf = (req: Request) => publicBaseOf(req, f.publicUrl);
  const pick = (req: Request): StoredCertificate => {
    const id = parse(LoadIdParam, req.params.id, 'id');
    visibleLoad(f, req, id);
    const { version } = parse(Render, req.query, 'query');
    const found =
      version === undefined
        ? f.certificates.latest(id)
        : f.certificates.versions(id).find((s) => s.signed.certificate.version === version);
    if (!found)
      throw new GivreError(
        'GIVRE_ERR_NOT_FOUND',
        `no certificate for load ${id}${version ? ` version ${version}` : ''}`,
      );
    return found;
  };
  const render = async (req: Request) => {
    const stored = pick(req);
    const c = stored.signed.certificate;
    const lang: Lang = parse(Render, req.query, 'query').lang;
    const readings = await f.readings({
      ...f.loads.get(c.load.id),
      pickedUpAt: c.load.pickedUpAt,
      deliveredAt: c.load.deliveredAt,
    });
    const profile = findProfile(f.profiles, c.load.profile);
    const opts = {
      lang,
      // The token, not the id (issue 10, 7): whoever holds the paper may see it, nobody can guess one.
      verifyUrl: `${originOf(req)}/verify/t/${stored.token}`,
      supersededBy: stored.supersededBy,
      productName: profile ? productNameIn(profile, lang) : c.load.profile,
    };
    return { stored, readings, opts };
  };
  const get = (path: string, handler: RequestHandler) =>
    router.route(path).get(handler).all(methodNotAllowed);

  get('/loads/:id/certificate', (req, res) => void res.json(pick(req).signed));
  get('/loads/:id/certificates', (req, res) => {
    const id = parse(LoadIdParam, req.params.id, 'id');
    visibleLoad(f, req, id);
    res.json(f.certificates.versions(id).map(certificateSummary));
  });
  get('/loads/:id/certificate.html', async (req, res) => {
    const { stored, readings, opts } = await render(req);
    res.type('html').send(await renderCertificateHtml(stored.signed, readings, opts));
  });
  get('/loads/:id/certificate.pdf', async (req, res) => {
    const { stored, readings, opts } = await render(req);
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="${stored.signed.certificate.id}.pdf"`)
      .send(await renderCertificatePdf(stored.signed, readings, opts));
  });
  router
    .route('/loads/:id/gaps/declare-lost')
    .post(async (req, res) => {
      const id = parse(LoadIdParam, req.params.id, 'id');
      const body = parse(DeclareLost, req.body ?? {}, 'body');
      requireOnLoad(req, 'load:declare-lost', visibleLoad(f, req, id));
      const signed = await f.loads.declareGapsLost(id, {
        by: actorOf(req, body.by, 'coordinator'),
        reason: body.reason,
      });
      audit(req, 'gaps-declared-lost', id, { reason: body.reason, certificate: signed.certificate.id });
      res.status(201).json(signed);
    })
    .all(methodNotAllowed);
  get('/loads/:id/readings.csv', async (req, res) => {
    const { stored, readings } = await render(req);
    const c = stored.signed.certificate;
    res
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${c.load.id}-readings.csv"`)
      .send(readingsCsv(readings, c.load.compartment, c.load.pickedUpAt, c.load.deliveredAt));
  });
  get('/loads/:id/epcis.json', (req, res) => void res.json(epcisDocument(pick(req).signed, originOf(req))));
  // Mounted after `publicCertificateRoutes`, whose /certificates/verify and /public-key come first.
  get('/certificates/:id', (req, res) => {
    const id = parse(CertificateIdParam, req.params.id, 'id');
    const stored = f.certificates.get(id);
    const load = stored?.signed.certificate.load;
    if (
      !stored ||
      !load ||
      !can(principalOf(req), 'load:read', { van: load.van, recipient: load.recipient.id })
    )
      throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown certificate ${id}`);
    res.json(stored.signed);
  });
  get('/associations/:id/loads', (req, res) => {
    const recipient = parse(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), req.params.id, 'id');
    // The association's scope is this one filter, bound to the signed-in user (issue 4).
    if (!can(principalOf(req), 'association:read', { association: recipient }))
      throw new GivreError('GIVRE_ERR_NOT_FOUND', `unknown association ${recipient}`);
    const answer: AssociationLoads = f.loads.list({ recipient, limit: 500 }).map((load) => {
      const current = f.certificates.latest(load.id)?.signed.certificate;
      const coldChain = current?.timeOutOfCold
        ? {
            timeOutOfCold: current.timeOutOfCold,
            ...(current.disposition ? { disposition: current.disposition } : {}),
          }
        : undefined;
      return {
        load,
        certificates: f.certificates.versions(load.id).map(certificateSummary),
        ...(coldChain ? { coldChain } : {}),
      };
    });
    res.json(answer);
  });
  return router;
}
