import { createHash, timingSafeEqual } from 'node:crypto';
import { OPS_ROOT } from '../core/ops-topics.ts';
import { flowsToVan, parseVanTopic, TOPIC_ROOT, vanTopic } from '../core/topics.ts';
import type { DeviceRepository } from '../state/device-repository.ts';
import type { AccessPolicy, ConnectRefusal, Identity } from './access-policy.ts';
import { deviceIdProblem } from '../core/device-id.ts';
import { vanMayUseClientId } from './device-names.ts';
import { verifySecret } from '../platform/secret-hash.ts';

export interface DevicePolicyOptions {
  devices: DeviceRepository;
  /** The one service credential ingest and the dashboard present (GIVRE_MQTT_USERNAME/PASSWORD). */
  service: { username: string; secret: string };
  /** Changes made by other processes (`givre device revoke`); see state/state-db-watch.ts. */
  externalChanges?: (onChange: () => void) => () => void;
}

const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest();
const refuse = (code: ConnectRefusal['code'], reason: string): ConnectRefusal => ({ code, reason });

/**
 * Issue 4: each van has its own credentials (username = van id, secret checked against its
 * scrypt hash); the services share one service credential. A van publishes only to its own
 * telemetry, status and acks topics and subscribes only to its own alerts and receipts topics.
 *
 * A successful scrypt check is remembered (SHA-256 of the secret, per van and stored hash),
 * so a reconnect storm after a depot's Wi-Fi comes back costs a hash each, not 50 ms each.
 * The device row is read on every connection, so a revocation counts at once.
 */
export function createDeviceAccessPolicy(options: DevicePolicyOptions): AccessPolicy {
  const { devices } = options;
  const serviceDigest = sha256(options.service.secret);
  const verified = new Map<string, { secretHash: string; digest: Buffer }>();

  const authenticateVan = async (
    clientId: string,
    van: string,
    password: Buffer,
  ): Promise<Identity | ConnectRefusal> => {
    const record = devices.get(van);
    if (!record) return refuse('bad-username-or-password', 'connect-unknown-user');
    if (record.revokedAt !== null) return refuse('not-authorized', 'connect-revoked');
    if (!vanMayUseClientId(van, clientId)) return refuse('identifier-rejected', 'connect-client-id');
    const digest = sha256(password);
    const cached = verified.get(van);
    const known = cached?.secretHash === record.secretHash && timingSafeEqual(cached.digest, digest);
    if (!known) {
      if (!(await verifySecret(password.toString('utf8'), record.secretHash))) {
        return refuse('bad-username-or-password', 'connect-wrong-secret');
      }
      verified.set(van, { secretHash: record.secretHash, digest });
    }
    // Read again: a revocation or a new secret may have landed during the slow check.
    const now = devices.get(van);
    if (!now || now.revokedAt !== null || now.secretHash !== record.secretHash) {
      return refuse('not-authorized', 'connect-revoked');
    }
    return { kind: 'van', van, credential: record.secretHash };
  };

  return {
    async authenticate(clientId, username, password) {
      if (username === undefined || username === '')
        return refuse('not-authorized', 'connect-no-credentials');
      if (password === undefined) return refuse('bad-username-or-password', 'connect-wrong-secret');
      if (username === options.service.username) {
        return timingSafeEqual(sha256(password), serviceDigest)
          ? { kind: 'service', name: username }
          : refuse('bad-username-or-password', 'connect-wrong-secret');
      }
      if (deviceIdProblem(username)) return refuse('bad-username-or-password', 'connect-unknown-user');
      return authenticateVan(clientId, username, password);
    },

    publishRefusal(identity, topic) {
      const parsed = parseVanTopic(topic);
      if (identity.kind === 'van') {
        if (parsed && parsed.van !== identity.van) return 'publish-not-own-topic';
        return parsed && !flowsToVan(parsed.channel) ? null : 'publish-not-permitted';
      }
      // Services publish alerts to the vans' in-cab displays (issue 5) and receipts of their
      // stored readings (issue 13), and talk to each other under the internal namespace
      // (issue 9), nothing else.
      if (
        identity.kind === 'service' &&
        ((parsed && flowsToVan(parsed.channel)) || topic.startsWith(`${OPS_ROOT}/`))
      )
        return null;
      return 'publish-not-permitted';
    },

    subscribeRefusal(identity, filter) {
      if (identity.kind === 'van') {
        const own =
          filter === vanTopic(identity.van, 'alerts') || filter === vanTopic(identity.van, 'receipts');
        return own ? null : 'subscribe-not-own-topic';
      }
      if (
        identity.kind === 'service' &&
        (filter.startsWith(`${TOPIC_ROOT}/`) || filter.startsWith(`${OPS_ROOT}/`))
      )
        return null;
      return 'subscribe-not-permitted';
    },

    stillValid(identity) {
      if (identity.kind !== 'van') return true;
      const record = devices.get(identity.van);
      return record !== undefined && record.revokedAt === null && record.secretHash === identity.credential;
    },

    onChange(listener) {
      const stops = [devices.onChange(listener), options.externalChanges?.(listener)];
      return () => {
        for (const stop of stops) stop?.();
      };
    },
  };
}
