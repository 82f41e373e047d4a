export { DEFAULT_SERVICE_USERNAME } from '../platform/service-credentials.ts';

/**
 * A van connects with client id `{van}` or `givre-{van}` (the simulator's), nothing else:
 * otherwise it could take over another client's session — MQTT 3.1.1 §3.1.4 lets a new
 * connection with the same client id replace the old one, persistent session included
 * (ingest's `givre-ingest` holds the fleet's undelivered telemetry).
 */
export function vanMayUseClientId(van: string, clientId: string): boolean {
  return clientId === van || clientId === `givre-${van}`;
}
