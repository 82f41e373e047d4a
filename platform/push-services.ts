/**
 * Issue 15: the push services a browser's subscription may point at. A subscription's endpoint
 * is a URL the browser hands over and ingest then POSTs to; without this list, a signed-in
 * person could make ingest send requests to any host the installation reaches (its InfluxDB,
 * a router's admin page). Browsers only ever name their vendor's service, so the default lists
 * those: Google's FCM (Chrome, Edge on Android), Mozilla's autopush (Firefox), Apple's web push
 * (Safari, iOS 16.4+), Microsoft's WNS (Edge on Windows).
 */
export const DEFAULT_PUSH_SERVICES =
  'https://fcm.googleapis.com,https://*.push.services.mozilla.com,https://web.push.apple.com,https://*.push.apple.com,https://*.notify.windows.com';

/** One entry: `scheme://host`, or `scheme://*.domain` for any host under it; any port. */
interface PushService {
  protocol: string;
  host: string;
  anySubdomain: boolean;
}

/** Parses `GIVRE_PUSH_SERVICES` (comma-separated); throws one line naming a bad entry. */
export function parsePushServices(list: string): PushService[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:]+\])$/i.exec(entry);
      if (!match) throw new Error(`not a push service (scheme://host or scheme://*.domain): ${entry}`);
      return {
        protocol: `${match[1]!.toLowerCase()}:`,
        host: match[3]!.toLowerCase(),
        anySubdomain: !!match[2],
      };
    });
}

/** Whether `endpoint` is on one of `services` (scheme and host; a `*.` entry: a host strictly under it). */
export function isAllowedPushEndpoint(endpoint: string, services: readonly PushService[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return services.some(
    (s) => url.protocol === s.protocol && (s.anySubdomain ? host.endsWith(`.${s.host}`) : host === s.host),
  );
}
