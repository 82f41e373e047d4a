import type { AlertEpisode, AlertTransition } from '../../core/alert-episode.ts';
import { displayState } from './alert-badges.ts';
import { acknowledgementText, ackControls, type GroupActions, type GroupUi } from './ack-form.ts';
import type { AlertGroup } from './alert-groups.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { capitalise, formatCelsius, formatTime } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

const kindLabel = (kind: AlertEpisode['kind'], lang: Lang) =>
  capitalise(TEXT[lang].common.alertKinds[kind], lang);

function transitionLine(t: AlertTransition, lang: Lang): string {
  const words = TEXT[lang].alertLog;
  const when = formatTime(t.at, lang);
  if (t.to === 'acknowledged' && t.by && t.reason)
    return `${when} — ${acknowledgementText({ by: t.by, at: t.at, reason: t.reason, ...(t.text ? { text: t.text } : {}) }, lang)}`;
  return `${when} — ${words.transitions[t.to]}`;
}

/** One member alert: what, how bad, its state, its times and every transition it went through. */
function member(a: AlertEpisode, lang: Lang): HTMLElement {
  const w = TEXT[lang].common;
  const t = TEXT[lang].alertLog;
  const state = displayState(a);
  const item = el('li', { className: `amember amember--${state}`, testId: `alert-${a.id}` });
  item.dataset.state = state;
  item.dataset.acknowledged = String(a.acknowledgement !== null);
  const facts = [
    `${t.startedAt} ${formatTime(a.startedAt, lang)}`,
    `${t.detectedAt} ${formatTime(a.detectedAt, lang)}`,
  ];
  if (a.resolvedAt !== null) facts.push(`${t.resolvedAt} ${formatTime(a.resolvedAt, lang)}`);
  if (a.peak !== null) facts.push(`${w.peak} ${formatCelsius(a.peak, lang)}`);
  if (a.limit !== null) facts.push(`${w.limit} ${formatCelsius(a.limit, lang)}`);
  item.append(
    el(
      'p',
      { className: 'amember__head' },
      el('strong', {}, kindLabel(a.kind, lang)),
      ` · ${w.severities[a.severity]} · `,
      el('span', { className: 'amember__state', testId: `alert-state-${a.id}` }, w.alertStates[state]),
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
  const w = TEXT[lang].common;
  const t = TEXT[lang].alertLog;
  const node = el('article', {
    className: `agroup agroup--${g.severity} agroup--${g.state}`,
    testId: `alert-group-${g.cause}`,
  });
  node.dataset.state = g.state;
  node.dataset.van = g.van;
  const where = g.compartment ? compartmentName(g.compartment, lang, 'label') : t.wholeVan;
  const count = t.members(g.members.length);
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
        `${g.van} · ${where} · ${kindLabel(g.members[0]!.kind, lang)}`,
      ),
      el(
        'span',
        { className: 'agroup__meta' },
        `${w.severities[g.severity]} · ${count} · ${t.startedAt} ${formatTime(g.startedAt, lang)}`,
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
