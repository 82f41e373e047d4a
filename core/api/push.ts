import { z } from 'zod';
import { CompartmentId, VanId } from '../ids.ts';
import { AlertKind, AlertSeverity } from '../messages.ts';

/**
 * Issue 15, the driver's phone: the contract between the dashboard's push routes, ingest's push
 * channel and the driver app's service worker. One file, so the three cannot drift apart.
 */

/**
 * `GET /api/push/key`: the installation's VAPID public key (RFC 8292; base64url of the
 * uncompressed P-256 point), what `pushManager.subscribe({ applicationServerKey })` takes.
 * Null when the installation sends no push.
 */
export const PushKeyAnswer = z.strictObject({ publicKey: z.string().nullable() });
export type PushKeyAnswer = z.infer<typeof PushKeyAnswer>;

/** base64url without padding, as `PushSubscription.toJSON()` gives the keys. */
const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/**
 * `POST /api/push/subscriptions`: a browser's `PushSubscription.toJSON()`, stored for the
 * signed-in person. The endpoint is the push service's URL for that browser (FCM for Chrome on
 * Android, Mozilla's for Firefox, Apple's for Safari); it is a capability, never shown to others.
 */
export const PushSubscriptionBody = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** The browser's P-256 public key, 65 bytes uncompressed. */
    p256dh: Base64Url.max(200),
    /** The 16-byte authentication secret. */
    auth: Base64Url.max(100),
  }),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

/** `DELETE /api/push/subscriptions`: unsubscribe this browser (its endpoint). */
export const PushUnsubscribeBody = z.strictObject({ endpoint: z.string().min(1).max(2048) });
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;

/** `GET /api/push/subscriptions`: whether this browser (by endpoint) is subscribed, and how many the person has. */
export const PushSubscriptionsAnswer = z.strictObject({
  subscriptions: z.array(z.strictObject({ endpoint: z.string(), createdAt: z.string() })),
});
export type PushSubscriptionsAnswer = z.infer<typeof PushSubscriptionsAnswer>;

/** The alert transitions a person may be told of. */
export const NotifiedTransition = z.enum(['open', 'acknowledged', 'resolved', 'escalated', 'reminded']);
export type NotifiedTransition = z.infer<typeof NotifiedTransition>;

/**
 * What one push message carries, JSON, encrypted to the subscription (RFC 8291, aes128gcm).
 * The service worker shows `title` and `body` as they are (already in the person's language),
 * groups by `tag` (the alert: a later transition replaces the earlier notification), and opens
 * `url` — the two-tap acknowledgement screen of that alert — on a tap or the « Acquitter » action.
 */
export const PushPayload = z.strictObject({
  v: z.literal(1),
  /** The delivery's stable id (`{seq}.push.{subscription}`): a repeat after a restart has the same id. */
  delivery: z.string().min(1).max(128),
  alertId: z.string().min(1).max(64),
  van: VanId,
  compartment: CompartmentId.nullable(),
  kind: AlertKind,
  severity: AlertSeverity,
  transition: NotifiedTransition,
  /** Words for people: e.g. « Alerte critique — camionnette VAN-03 ». */
  title: z.string().min(1).max(200),
  /** e.g. « Compartiment frais : 9,4 °C depuis 18 min (limite 4 °C) ». */
  body: z.string().min(1).max(500),
  lang: z.enum(['fr', 'en', 'nl']),
  /** Same-origin path of the acknowledgement screen, e.g. `/driver/VAN-03?alert=<id>`. */
  url: z.string().startsWith('/').max(500),
  /** Whether the screen should offer to acknowledge (an open alert nobody acknowledged). */
  acknowledgeable: z.boolean(),
  /** ms since the epoch, of the transition. */
  at: z.number().int(),
});
export type PushPayload = z.infer<typeof PushPayload>;

/** The channels a person may choose (e-mail is for a later issue). */
export const NotificationChannel = z.enum(['push', 'sms']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** What reaches a person by one channel. */
export const ChannelChoice = z.strictObject({
  severities: z.array(AlertSeverity).max(2),
  kinds: z.array(AlertKind).max(AlertKind.options.length),
});
export type ChannelChoice = z.infer<typeof ChannelChoice>;

/**
 * `GET` / `PUT /api/account/notifications`: the signed-in person's choices, per channel. What
 * they choose is enforced in one place (core/people/notification-preferences.ts), which never
 * silences a critical alert for a van a driver is bound to, and gives coordinators escalations.
 */
export const NotificationPreferences = z.strictObject({
  channels: z.strictObject({ push: ChannelChoice, sms: ChannelChoice }),
  /** Coordinators and admins: escalations and reminders reach them. */
  escalations: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
