import { isIP } from 'node:net';
import type { Config } from '../platform/config.ts';
import { GivreError } from '../platform/errors.ts';

/**
 * Which `Host` headers the dashboard answers (issue 11, 6). The Host decides the accepted
 * `Origin` and, without GIVRE_PUBLIC_URL, the link of a certificate's QR code; answering any
 * name lets a DNS-rebinding page read the dashboard from a coordinator's browser, and prints
 * an attacker's link on a certificate. So only these names are answered:
 *
 * - the host of GIVRE_PUBLIC_URL and those of GIVRE_ALLOWED_HOSTS;
 * - loopback names (`localhost`, `127.x.x.x`, `[::1]`): a rebinding page cannot have them,
 *   and a local reverse proxy that does not pass the Host on uses them;
 * - in the demo (`givre start --simulate`) any IP address too, so that a phone on the depot's
 *   network can open `http://192.168.1.10:8080` without configuration (an IP is not rebindable).
 *
 * Outside the demo one of GIVRE_PUBLIC_URL or GIVRE_ALLOWED_HOSTS is required.
 */
export interface HostPolicy {
  allows(hostHeader: string | undefined): boolean;
  /** GIVRE_PUBLIC_URL's origin, accepted as `Origin` whatever Host a proxy passes on. */
  publicOrigin: string | undefined;
}

/** The host name of a `Host` header (RFC 9110 §7.2: name or IP literal, optional port), lower-case; undefined when malformed. */
function hostnameOf(hostHeader: string): string | undefined {
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.exec(hostHeader);
  return match?.[1]?.toLowerCase().replace(/\.$/, '');
}

const isLoopback = (name: string) =>
  name === 'localhost' || name === '[::1]' || (isIP(name) === 4 && name.startsWith('127.'));

export function createHostPolicy(
  config: Pick<Config, 'GIVRE_PUBLIC_URL' | 'GIVRE_ALLOWED_HOSTS'>,
  options: { demo: boolean },
): HostPolicy {
  if (!options.demo && !config.GIVRE_PUBLIC_URL && !config.GIVRE_ALLOWED_HOSTS)
    throw new GivreError(
      'GIVRE_ERR_CONFIG',
      'GIVRE_PUBLIC_URL is unset: expected the dashboard’s address as people reach it (e.g. https://givre.example.org), or its host names in GIVRE_ALLOWED_HOSTS; only the demo (givre start --simulate) runs without',
    );
  const names = new Set<string>();
  const publicOrigin = config.GIVRE_PUBLIC_URL ? new URL(config.GIVRE_PUBLIC_URL).origin : undefined;
  if (config.GIVRE_PUBLIC_URL) names.add(new URL(config.GIVRE_PUBLIC_URL).hostname);
  for (const name of (config.GIVRE_ALLOWED_HOSTS ?? '').split(',')) {
    const host = name.trim() && hostnameOf(name.trim());
    if (host) names.add(host);
  }
  return {
    publicOrigin,
    allows(hostHeader) {
      if (!hostHeader) return false;
      const name = hostnameOf(hostHeader);
      if (name === undefined) return false;
      if (names.has(name) || isLoopback(name)) return true;
      return options.demo && isIP(name.replace(/^\[|\]$/g, '')) !== 0;
    },
  };
}
