import type { AlertEpisode } from '../../core/alert-episode.ts';
import type { OnBoardLoad } from '../../core/api/on-board.ts';
import type { VanCalibrationStanding } from '../../core/calibration.ts';
import type { CompartmentState, VanState } from '../../core/van-state.ts';
import type { AckController } from './alert-ack-controller.ts';
import { clockNotice } from './clock-notice.ts';
import { describeLimit, warmthOf } from './compartment-limit.ts';
import { el } from './dom.ts';
import type { Trouble } from './fleet-order.ts';
import { TEXT } from '../text/catalogue.ts';
import { calendarDayText } from '../text/calibration-words.ts';
import { compartmentName } from '../text/code-words.ts';
import { formatAge, formatCelsius, formatPercent, formatReadingTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';
import { freshnessOf } from './staleness.ts';
import { renderDeskAlerts } from './van-card-alerts.ts';
import { renderLoadsOnBoard } from './van-card-loads.ts';

/** What the desk adds to a van's own state (issue 12). */
export interface CardContext {
  now: number;
  alerts: readonly AlertEpisode[];
  trouble: Trouble;
  /** This van's loads on board, from `GET /api/fleet/loads`. */
  loads: readonly OnBoardLoad[];
  acks: AckController;
  /** The van's recorder calibration standing now (issue 16), from `GET /api/fleet/calibrations`. */
  calibration?: VanCalibrationStanding | undefined;
}

/** Known compartments first, in the order a driver reads the van; others by id. */
const ORDER = ['chilled', 'frozen'];
function byCompartment(a: CompartmentState, b: CompartmentState): number {
  const ia = ORDER.indexOf(a.id);
  const ib = ORDER.indexOf(b.id);
  if (ia !== ib) return (ia === -1 ? ORDER.length : ia) - (ib === -1 ? ORDER.length : ib);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function statusBadge(state: VanState, lang: Lang): HTMLElement {
  const kind = state.online === true ? 'online' : state.online === false ? 'offline' : 'unknown';
  const text = TEXT[lang].common.vanStatus[kind];
  return el('span', { className: `badge badge--${kind}`, testId: `status-${state.van}` }, text);
}

function compartmentRow(
  state: VanState,
  c: CompartmentState,
  lang: Lang,
  now: number,
  loads: readonly OnBoardLoad[],
): HTMLElement {
  const t = TEXT[lang].fleet;
  const van = state.van;
  const warmth = warmthOf(c.limit, c.celsius);
  const id = `${van}-${c.id}`;
  // An offline or silent van's last value is history, not a live reading: small and greyed.
  const fresh = freshnessOf(
    { online: state.online, lastReadingTs: c.temperatureTs ?? state.lastReadingTs, clock: state.clock },
    now,
  );
  const stale = fresh.stale && c.celsius !== null;
  const temp = el(
    'span',
    { className: stale ? 'comp__temp comp__temp--stale' : 'comp__temp', testId: `temp-${id}` },
    formatCelsius(c.celsius, lang),
  );
  temp.dataset.stale = String(stale);
  const head = el(
    'div',
    { className: 'comp__head' },
    el('span', { className: 'comp__name', testId: `compname-${id}` }, compartmentName(c.id, lang, 'label')),
    temp,
  );
  if (warmth !== 'ok')
    head.append(el('span', { className: 'comp__warn', testId: `warn-${id}` }, t.warmth[warmth]));
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
    const setpoint = `${t.setpoint} ${formatCelsius(c.reefer.setpoint, lang)}`;
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
  const staleLine =
    stale && fresh.ageMs !== null
      ? [
          el(
            'div',
            { className: 'comp__stale', testId: `stale-${id}` },
            t.lastValue(formatAge(fresh.ageMs, lang)),
          ),
        ]
      : [];
  const onBoard = renderLoadsOnBoard(
    loads.filter((l) => l.compartment === c.id),
    lang,
  );
  return el(
    'li',
    { className, testId: `comp-${id}` },
    head,
    ...staleLine,
    ...limit,
    meta,
    ...(onBoard ? [onBoard] : []),
  );
}

/** The van's id, linking to its page of history charts (issue 12). */
function vanPageLink(van: string): HTMLElement {
  const a = el('a', { className: 'van__link', testId: `vanlink-${van}` }, van);
  a.href = `/vans/${encodeURIComponent(van)}`;
  return a;
}

/** The van's trouble in words beside its id, so that its place in the list is explained, not only coloured. */
function troubleBadge(van: string, trouble: Trouble, lang: Lang): HTMLElement[] {
  if (trouble === 'none') return [];
  const text = TEXT[lang].fleet.trouble[trouble];
  return [el('span', { className: `trouble trouble--${trouble}`, testId: `trouble-${van}` }, text)];
}

/**
 * The recorder's calibration when it needs doing (issue 16, EN 13486): "Étalonnage à faire
 * avant le 12 janvier" within 30 days of the due date, "Étalonnage échu" once it has passed.
 * Nothing when it is up to date or none is on record (the admin page lists those).
 */
function calibrationBadge(van: string, c: VanCalibrationStanding | undefined, lang: Lang): HTMLElement[] {
  if (!c || (c.standing !== 'due-soon' && c.standing !== 'overdue')) return [];
  const t = TEXT[lang].calibration;
  const text =
    c.standing === 'overdue' || !c.nextDueOn ? t.overdue : t.dueBefore(calendarDayText(c.nextDueOn, lang));
  const badge = el(
    'p',
    { className: `van__calibration van__calibration--${c.standing}`, testId: `calibration-${van}` },
    text,
  );
  badge.dataset.standing = c.standing;
  return [badge];
}

/** One van's card, rebuilt whole on every update (at most about once a second per van). */
export function renderVanCard(state: VanState, lang: Lang, ctx: CardContext): HTMLElement {
  const t = TEXT[lang].fleet;
  const { now, alerts } = ctx;
  const compartments = Object.values(state.compartments).sort(byCompartment);
  const age = state.lastReadingTs === null ? undefined : freshnessOf(state, now).ageMs;
  const last =
    state.lastReadingTs === null
      ? t.noReading
      : `${formatReadingTime(state.lastReadingTs, lang, now)} (${formatAge(age ?? 0, lang)})`;
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
  const card = el(
    'article',
    {
      className: `van van--${ctx.trouble}${state.online === false ? ' van--offline' : ''}`,
      testId: `van-${state.van}`,
    },
    el(
      'header',
      { className: 'van__head' },
      el('h2', { className: 'van__id' }, vanPageLink(state.van)),
      ...troubleBadge(state.van, ctx.trouble, lang),
      statusBadge(state, lang),
    ),
    ...clockNotice(state, lang),
    ...calibrationBadge(state.van, ctx.calibration, lang),
    ...(alerts.length > 0 ? [renderDeskAlerts(state.van, alerts, lang, ctx.acks)] : []),
    el(
      'ul',
      { className: 'comps' },
      ...compartments.map((c) => compartmentRow(state, c, lang, now, ctx.loads)),
    ),
    footer,
  );
  card.dataset.trouble = ctx.trouble;
  card.dataset.van = state.van;
  return card;
}
