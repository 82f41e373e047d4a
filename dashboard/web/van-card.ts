import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { CompartmentState, VanState } from '../../core/van-state.ts';
import { renderAlertList } from './alert-badges.ts';
import { describeLimit, warmthOf } from './compartment-limit.ts';
import { el } from './dom.ts';
import {
  compartmentLabel,
  formatPercent,
  formatReadingTime,
  formatTemperature,
  MESSAGES,
  type Lang,
} from './i18n.ts';

/** Known compartments first, in the order a driver reads the van; others by id. */
const ORDER = ['chilled', 'frozen'];
function byCompartment(a: CompartmentState, b: CompartmentState): number {
  const ia = ORDER.indexOf(a.id);
  const ib = ORDER.indexOf(b.id);
  if (ia !== ib) return (ia === -1 ? ORDER.length : ia) - (ib === -1 ? ORDER.length : ib);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function statusBadge(state: VanState, lang: Lang): HTMLElement {
  const t = MESSAGES[lang];
  const [text, kind] =
    state.online === true
      ? [t.online, 'online']
      : state.online === false
        ? [t.offline, 'offline']
        : [t.unknown, 'unknown'];
  return el('span', { className: `badge badge--${kind}`, testId: `status-${state.van}` }, text);
}

function compartmentRow(van: string, c: CompartmentState, lang: Lang): HTMLElement {
  const t = MESSAGES[lang];
  const warmth = warmthOf(c.limit, c.celsius);
  const id = `${van}-${c.id}`;
  const temp = el(
    'span',
    { className: 'comp__temp', testId: `temp-${id}` },
    c.celsius === null ? '—' : formatTemperature(c.celsius, lang),
  );
  const head = el(
    'div',
    { className: 'comp__head' },
    el('span', { className: 'comp__name', testId: `compname-${id}` }, compartmentLabel(c.id, lang)),
    temp,
  );
  if (warmth !== 'ok')
    head.append(
      el(
        'span',
        { className: 'comp__warn', testId: `warn-${id}` },
        warmth === 'critical' ? t.critical : t.tooWarm,
      ),
    );
  // Until ingest has said which limit applies, no limit is shown rather than a guessed one.
  const limit =
    c.limit === null
      ? []
      : [el('div', { className: 'comp__limit', testId: `limit-${id}` }, describeLimit(c.limit, lang))];

  // A compartment without a door sensor (or not heard from yet) shows no door at all.
  const meta = el('div', { className: 'comp__meta' });
  if (c.doorOpen !== null) {
    meta.append(
      el(
        'span',
        { className: c.doorOpen ? 'door door--open' : 'door', testId: `door-${id}` },
        c.doorOpen ? t.doorOpen : t.doorClosed,
      ),
    );
  }
  if (c.reefer) {
    const setpoint = `${t.setpoint} ${formatTemperature(c.reefer.setpoint, lang)}`;
    meta.append(
      el(
        'span',
        { className: `reefer reefer--${c.reefer.state}`, testId: `reefer-${id}` },
        `${t.reefer[c.reefer.state]} · ${setpoint}`,
      ),
    );
  }
  const className = { ok: 'comp', warm: 'comp comp--warm', critical: 'comp comp--warm comp--critical' }[
    warmth
  ];
  return el('li', { className, testId: `comp-${id}` }, head, ...limit, meta);
}

/** The van's id, linking to its page of history charts (issue 12). */
function vanPageLink(van: string): HTMLElement {
  const a = el('a', { className: 'van__link', testId: `vanlink-${van}` }, van);
  a.href = `/vans/${encodeURIComponent(van)}`;
  return a;
}

/** One van's card, rebuilt whole on every update (at most about once a second per van). */
export function renderVanCard(
  state: VanState,
  lang: Lang,
  now: number,
  alerts: readonly AlertEpisode[] = [],
): HTMLElement {
  const t = MESSAGES[lang];
  const compartments = Object.values(state.compartments).sort(byCompartment);
  const last = state.lastReadingTs === null ? t.noReading : formatReadingTime(state.lastReadingTs, lang, now);
  const footer = el(
    'footer',
    { className: 'van__foot' },
    el('span', { testId: `last-${state.van}` }, `${t.lastReading} ${last}`),
  );
  if (state.battery) {
    footer.append(
      el(
        'span',
        { testId: `battery-${state.van}` },
        `${t.battery} ${formatPercent(state.battery.percent, lang)}`,
      ),
    );
  }
  return el(
    'article',
    { className: state.online === false ? 'van van--offline' : 'van', testId: `van-${state.van}` },
    el(
      'header',
      { className: 'van__head' },
      el('h2', { className: 'van__id' }, vanPageLink(state.van)),
      statusBadge(state, lang),
    ),
    ...(alerts.length > 0 ? [renderAlertList(state.van, alerts, lang)] : []),
    el('ul', { className: 'comps' }, ...compartments.map((c) => compartmentRow(state.van, c, lang))),
    footer,
  );
}
