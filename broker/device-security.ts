import { openAccessPolicy, type AccessPolicy } from './access-policy.ts';
import { createDeviceAccessPolicy } from './device-access-policy.ts';
import { DEFAULT_SERVICE_USERNAME } from './device-names.ts';
import { issueDeviceSecret } from '../state/device-provisioning.ts';
import { newSecret } from '../platform/secret-hash.ts';
import { requireServiceSecret } from './service-secret.ts';
import type { Config } from '../platform/config.ts';
import type { Credentials } from '../platform/service-credentials.ts';
import { createDeviceRepository, type DeviceRepository } from '../state/device-repository.ts';
import type { StateDb } from '../state/state-db.ts';
import { watchStateDbChanges } from '../state/state-db-watch.ts';

/** How often the broker looks for revocations made by another process, ms (issue 4: "at once"). */
export const REVOCATION_CHECK_MS = 1_000;

export type { Credentials } from '../platform/service-credentials.ts';

export interface DeviceSecurity {
  devices: DeviceRepository;
  /** What the embedded broker enforces. */
  policy: AccessPolicy;
  /** What the in-process services present to the broker, if anything. */
  service: Credentials | undefined;
  /** Demo: issues each simulated van a fresh secret; van → credentials. */
  provisionSimulated(vans: readonly string[]): Promise<Record<string, Credentials>>;
}

/**
 * The device half of issue 4 for `givre start`: per-van credentials in the state store, one
 * service credential for ingest and the dashboard. In the demo (`--simulate`) an unset
 * service secret is generated for the run; otherwise a missing, short or well-known secret
 * stops the start with one line naming GIVRE_MQTT_PASSWORD. `open` is for integration tests
 * of other features, whose clients connect anonymously.
 */
export function createDeviceSecurity(options: {
  config: Config;
  stateDb: StateDb;
  access: 'devices' | 'open';
  demo: boolean;
}): DeviceSecurity {
  const { config } = options;
  const devices = createDeviceRepository(options.stateDb);
  const provisionSimulated = async (vans: readonly string[]) => {
    const out: Record<string, Credentials> = {};
    for (const van of vans) {
      out[van] = { username: van, password: await issueDeviceSecret(devices, van, { mode: 'demo' }) };
    }
    return out;
  };
  if (options.access === 'open') {
    const service =
      config.GIVRE_MQTT_USERNAME && config.GIVRE_MQTT_PASSWORD
        ? { username: config.GIVRE_MQTT_USERNAME, password: config.GIVRE_MQTT_PASSWORD }
        : undefined;
    return { devices, policy: openAccessPolicy, service, provisionSimulated: async () => ({}) };
  }
  const password =
    options.demo && !config.GIVRE_MQTT_PASSWORD
      ? newSecret()
      : requireServiceSecret(config.GIVRE_MQTT_PASSWORD);
  const service = { username: config.GIVRE_MQTT_USERNAME ?? DEFAULT_SERVICE_USERNAME, password };
  const policy = createDeviceAccessPolicy({
    devices,
    service: { username: service.username, secret: password },
    externalChanges: (onChange) => watchStateDbChanges(options.stateDb, REVOCATION_CHECK_MS, onChange),
  });
  return { devices, policy, service, provisionSimulated };
}
