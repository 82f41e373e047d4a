import { Router, type Request } from 'express';
import {
  NotificationPreferences,
  PushSubscriptionBody,
  PushUnsubscribeBody,
  type PushKeyAnswer,
  type PushSubscriptionsAnswer,
} from '../core/api/push.ts';
import { effectivePreferences, refusedChoice } from '../core/people/notification-preferences.ts';
import { GivreError } from '../platform/errors.ts';
import type { NotificationPreferenceRepository } from '../state/notification-preference-repository.ts';
import type { PushSubscriptionRepository } from '../state/push-subscription-repository.ts';
import { principalOf } from './auth/principal-of.ts';
import { fieldError, parseFields } from './field-errors.ts';
import { methodNotAllowed } from './http-errors.ts';

/** What the push routes need (issue 15): the installation's VAPID public key and the state store's two tables. */
export interface PushFeature {
  /** Null until ingest has created the key pair (platform/vapid-keys.ts). */
  publicKey(): string | null;
  subscriptions: PushSubscriptionRepository;
  preferences: NotificationPreferenceRepository;
  /** Whether a subscription's endpoint is on a push service the installation sends to (GIVRE_PUSH_SERVICES). */
  allowedEndpoint(endpoint: string): boolean;
  /** Wall clock, ms. */
  now(): number;
}

/** A real browser's keys: a P-256 point, uncompressed (65 bytes, 0x04 first); a 16-byte secret (RFC 8291 §3). */
function checkKeys(body: PushSubscriptionBody): void {
  const point = Buffer.from(body.keys.p256dh, 'base64url');
  if (point.length !== 65 || point[0] !== 4)
    throw fieldError('keys.p256dh', 'an uncompressed P-256 public key (65 bytes), base64url');
  if (Buffer.from(body.keys.auth, 'base64url').length !== 16)
    throw fieldError('keys.auth', 'a 16-byte authentication secret, base64url');
}

/** Association accounts receive no alerts (core/people/notification-preferences.ts): they have nothing to subscribe. */
function subscriber(req: Request): string {
  const person = principalOf(req);
  if (person.open || person.role === 'association')
    throw new GivreError('GIVRE_ERR_FORBIDDEN', 'this account receives no alerts');
  return person.username;
}

/**
 * Issue 15, signed in (and CSRF-checked on changes, like every route behind the gate): the
 * VAPID key a browser subscribes with, the signed-in person's own push subscriptions, and their
 * notification preferences. Bodies are parsed with core/api/push.ts; a bad one is a 400 naming
 * the field. The endpoints are capabilities: a person only ever sees and removes their own.
 * (Preference changes are not in the audit log: it records what people do to the fleet and to
 * others' accounts, and these concern only the person's own phone.)
 */
export function pushRoutes(push: PushFeature): Router {
  const router = Router();
  const listOf = (username: string): PushSubscriptionsAnswer => ({
    subscriptions: push.subscriptions.of(username).map((s) => ({
      endpoint: s.endpoint,
      createdAt: new Date(s.createdAt).toISOString(),
    })),
  });
  router
    .route('/push/key')
    .get((_req, res) => {
      const answer: PushKeyAnswer = { publicKey: push.publicKey() };
      res.json(answer);
    })
    .all(methodNotAllowed);
  router
    .route('/push/subscriptions')
    .get((req, res) => {
      res.json(listOf(principalOf(req).username));
    })
    .post((req, res) => {
      const username = subscriber(req);
      const body = parseFields(PushSubscriptionBody, req.body ?? {});
      checkKeys(body);
      // Ingest POSTs to it: only a push service, never a host of the installation's network.
      if (!push.allowedEndpoint(body.endpoint))
        throw fieldError('endpoint', 'not a push service this installation sends to (GIVRE_PUSH_SERVICES)');
      push.subscriptions.put(username, body, push.now());
      res.status(201).json(listOf(username));
    })
    .delete((req, res) => {
      const { username } = principalOf(req);
      const { endpoint } = parseFields(PushUnsubscribeBody, req.body ?? {});
      if (!push.subscriptions.removeEndpoint(username, endpoint))
        throw new GivreError('GIVRE_ERR_NOT_FOUND', 'no such subscription of yours');
      res.json(listOf(username));
    })
    .all(methodNotAllowed);
  router
    .route('/account/notifications')
    .get((req, res) => {
      const { username, role } = principalOf(req);
      const answer: NotificationPreferences = effectivePreferences(role, push.preferences.get(username));
      res.json(answer);
    })
    .put((req, res) => {
      const { username, role, open } = principalOf(req);
      if (open) throw new GivreError('GIVRE_ERR_FORBIDDEN', 'sign in to choose notifications');
      const prefs = parseFields(NotificationPreferences, req.body ?? {});
      const refused = refusedChoice(role, prefs);
      if (refused) throw fieldError(refused.field, refused.message);
      push.preferences.put(username, prefs, push.now());
      const answer: NotificationPreferences = effectivePreferences(role, prefs);
      res.json(answer);
    })
    .all(methodNotAllowed);
  return router;
}
