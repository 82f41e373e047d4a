import type { AlertEpisode } from '../../core/alert-episode.ts';
import { acknowledgementText, ackControls } from './ack-form.ts';
import type { AckController } from './alert-ack-controller.ts';
import { displayState } from './alert-badges.ts';
import { groupByCause, type AlertGroup } from './alert-groups.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { capitalise } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

/** Escalated causes first (nobody acted), then critical, then the oldest: the first breach explains the rest. */
function urgency(a: AlertGroup, b: AlertGroup): number {
  const esc = Number(b.state === 'escalated') - Number(a.state === 'escalated');
  const crit = Number(b.severity === 'critical') - Number(a.severity === 'critical');
  return esc || crit || a.startedAt - b.startedAt || (a.cause < b.cause ? -1 : 1);
}

function memberItem(a: AlertEpisode, lang: Lang): HTMLElement {
  const t = TEXT[lang].common;
  const state = displayState(a);
  const where = a.compartment ? ` · ${compartmentName(a.compartment, lang, 'label')}` : '';
  const item = el(
    'li',
    { className: `alert alert--${a.severity} alert--${state}`, testId: `alert-${a.id}` },
    el(
      'span',
      { className: 'alert__kind' },
      `${capitalise(t.alertKinds[a.kind], lang)}${where} · ${t.severities[a.severity]}`,
    ),
    el('span', { className: 'alert__state', testId: `alert-state-${a.id}` }, t.alertStates[state]),
  );
  item.dataset.state = state;
  return item;
}

/**
 * A van card's unresolved alerts on the fleet desk (issue 12), one block per cause: each
 * alert's kind, severity and state in words; an escalated cause says so in a banner (text,
 * border and weight, not colour alone); who acknowledged it, when and why; and the same
 * acknowledgement with a reason as the alert log (ack-form.ts, alert-ack-controller.ts).
 */
export function renderDeskAlerts(
  van: string,
  alerts: readonly AlertEpisode[],
  lang: Lang,
  acks: AckController,
): HTMLElement {
  const list = el('ul', { className: 'alerts', testId: `alerts-${van}` });
  for (const g of groupByCause(alerts).sort(urgency)) {
    const block = el('li', {
      className: `dalert dalert--${g.severity} dalert--${g.state}`,
      testId: `alert-group-${g.cause}`,
    });
    block.dataset.state = g.state;
    if (g.state === 'escalated')
      block.append(
        el(
          'p',
          { className: 'dalert__banner', testId: `escalated-${g.cause}` },
          TEXT[lang].fleet.escalatedBanner,
        ),
      );
    block.append(el('ul', { className: 'dalert__members' }, ...g.members.map((m) => memberItem(m, lang))));
    if (g.acknowledgement)
      block.append(
        el(
          'p',
          { className: 'dalert__ack', testId: `group-ack-${g.cause}` },
          acknowledgementText(g.acknowledgement, lang),
        ),
      );
    const controls = ackControls(g, acks.ui(g.cause), acks.actions, lang, acks.form(g.cause), 'dalert');
    acks.keepForm(g.cause, controls.form);
    block.append(...controls.nodes);
    list.append(block);
  }
  return list;
}
