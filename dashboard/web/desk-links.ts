import type { Role } from '../../core/people/principal.ts';
import { ALERT_LOG_MESSAGES } from './alert-log-i18n.ts';
import { el } from './dom.ts';
import type { Lang } from './i18n.ts';

/**
 * The coordinator's desk pages of issue 12 a role may open, for the header: the alert log
 * (drivers: their vans' alerts; associations: none) and the map (fleet-wide roles).
 */
export function deskLinks(role: Role, lang: Lang): HTMLElement[] {
  const t = ALERT_LOG_MESSAGES[lang].nav;
  const fleetWide = role === 'admin' || role === 'coordinator';
  const links: Array<[string, string]> = [];
  // The fleet page has its own header; elsewhere, the way back to it.
  if (fleetWide && location.pathname !== '/') links.push(['/', t.fleet]);
  if (role !== 'association') links.push(['/alerts', t.alerts]);
  if (fleetWide) links.push(['/map', t.map]);
  return links.map(([href, text]) => {
    const a = el('a', { testId: `nav-${href.slice(1) || 'fleet'}` }, text);
    a.href = href;
    if (location.pathname === href) a.setAttribute('aria-current', 'page');
    return a;
  });
}
