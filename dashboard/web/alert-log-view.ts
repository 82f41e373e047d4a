import type { AlertEpisode, AlertTransition } from '../../core/alert-episode.ts';
import { displayState } from './alert-badges.ts';
import { acknowledgementText, ackControls, type GroupActions, type GroupUi } from './ack-form.ts';
import type { AlertGroup } from './alert-groups.ts';
import { ALERT_MESSAGES } from './alert-i18n.ts';
import { ALERT_LOG_MESSAGES, fill } from './alert-log-i18n.ts';
import { formatDepotTime } from './brussels-time.ts';
import { el } from './dom.ts';
import { compartmentLabel, formatTemperature, type Lang } from './i18n.ts';

function transitionLine(t: AlertTransition, lang: Lang): string {
  const words = ALERT_LOG_MESSAGES[lang];
  const when = formatDepotTime(t.at, lang);
  if (t.to === 'acknowledged' && t.by && t.reason)
    return `${when} — ${acknowledgementText({ by: t.by, at: t.at, reason: t.reason, ...(t.text ? { text: t.text } : {}) }, lang)}`;
  return `${when} — ${words.transitions[t.to]}`;
}

/** One member alert: what, how bad, its state, its times and every transition it went through. */
function member(a: AlertEpisode, lang: Lang): HTMLElement {
  const t = ALERT_LOG_MESSAGES[lang];
  const state = displayState(a);
  const item = el('li', { className: `amember amember--${state}`, testId: `alert-${a.id}` });
  item.dataset.state = state;
  item.dataset.acknowledged = String(a.acknowledgement !== null);
  const facts = [
    `${t.startedAt} ${formatDepotTime(a.startedAt, lang)}`,
    `${t.detectedAt} ${formatDepotTime(a.detectedAt, lang)}`,
  ];
  if (a.resolvedAt !== null) facts.push(`${t.resolvedAt} ${formatDepotTime(a.resolvedAt, lang)}`);
  if (a.peak !== null) facts.push(`${t.peak} ${formatTemperature(a.peak, lang)}`);
  if (a.limit !== null) facts.push(`${t.limit} ${formatTemperature(a.limit, lang)}`);
  item.append(
    el(
      'p',
      { className: 'amember__head' },
      el('strong', {}, ALERT_MESSAGES[lang].kinds[a.kind]),
      ` · ${t.severities[a.severity]} · `,
      el('span', { className: 'amember__state', testId: `alert-state-${a.id}` }, t.memberStates[state]),
    ),
    el('p', { className: 'amember__facts' }, facts.join(' · ')),
  );
  const timeline = el('ol', { className: 'timeline', testId: `timeline-${a.id}` });
  for (const tr of a.transitions) {
    const li = el('li', { className: `timeline__step timeline__step--${tr.to}` }, transitionLine(tr, lang));
    li.dataset.to = tr.to;
    timeline.append(li);
  }
  item.append(timeline);
  return item;
}

/**
 * One cause: its state in words (escalated ones stand out by text and border, not colour
 * alone), who acknowledged it, when and why, one acknowledge action, and its member alerts.
 * `form`: the reason form already on screen for this group, kept so a live update does not
 * wipe what is being typed.
 */
export function renderGroup(
  g: AlertGroup,
  ui: GroupUi,
  act: GroupActions,
  lang: Lang,
  form: HTMLElement | undefined,
): { node: HTMLElement; form: HTMLElement | undefined } {
  const t = ALERT_LOG_MESSAGES[lang];
  const node = el('article', {
    className: `agroup agroup--${g.severity} agroup--${g.state}`,
    testId: `alert-group-${g.cause}`,
  });
  node.dataset.state = g.state;
  node.dataset.van = g.van;
  const where = g.compartment ? compartmentLabel(g.compartment, lang) : t.wholeVan;
  const count = fill(t.members[g.members.length === 1 ? 'one' : 'other'], { n: String(g.members.length) });
  node.append(
    el(
      'header',
      { className: 'agroup__head' },
      el(
        'span',
        { className: `agroup__state agroup__state--${g.state}`, testId: `group-state-${g.cause}` },
        t.groupStates[g.state],
      ),
      el(
        'h2',
        { className: 'agroup__title' },
        `${g.van} · ${where} · ${ALERT_MESSAGES[lang].kinds[g.members[0]!.kind]}`,
      ),
      el(
        'span',
        { className: 'agroup__meta' },
        `${t.severities[g.severity]} · ${count} · ${t.startedAt} ${formatDepotTime(g.startedAt, lang)}`,
      ),
    ),
  );
  const ack = g.acknowledgement;
  node.append(
    el(
      'p',
      { className: `agroup__ack${ack ? ' agroup__ack--done' : ''}`, testId: `group-ack-${g.cause}` },
      ack ? acknowledgementText(ack, lang) : t.notAcknowledged,
    ),
  );
  const controls = ackControls(g, ui, act, lang, form, 'agroup');
  node.append(...controls.nodes);
  const list = el('ul', { className: 'agroup__members' });
  for (const m of g.members) list.append(member(m, lang));
  node.append(list);
  return { node, form: controls.form };
}
