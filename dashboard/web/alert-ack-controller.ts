import { AlertEpisode } from '../../core/alert-episode.ts';
import type { AckReason } from '../../core/messages.ts';
import type { GroupActions, GroupUi } from './ack-form.ts';
import { ackTargets, type AlertGroup } from './alert-groups.ts';
import { api } from './session-client.ts';

/**
 * One acknowledgement per cause, for every page that offers it (the alert log, the fleet
 * desk: issue 12): what the person is doing with each group, the reason form kept across
 * live redraws, and the calls to `POST /api/alerts/{id}/ack`.
 */
export interface AckController {
  actions: GroupActions;
  ui(cause: string): GroupUi;
  /** The reason form on screen for this cause, if any: pass it back to the renderer. */
  form(cause: string): HTMLElement | undefined;
  keepForm(cause: string, form: HTMLElement | undefined): void;
}

export function createAckController(o: {
  /** The group as the page now shows it. */
  groupOf(cause: string): AlertGroup | undefined;
  /** An episode read back from the server: the page keeps it if newer than its copy. */
  keep(a: AlertEpisode): void;
  /** Something the page draws changed (a group's ui state, a kept episode). */
  changed(): void;
}): AckController {
  const ui = new Map<string, GroupUi>();
  const forms = new Map<string, HTMLElement>();
  const uiOf = (cause: string) => ui.get(cause) ?? { choosing: false, sending: false, notice: null };
  const setUi = (cause: string, change: Partial<GroupUi>) => {
    ui.set(cause, { ...uiOf(cause), ...change });
    o.changed();
  };

  const readAlert = async (id: string): Promise<AlertEpisode | undefined> => {
    const res = await api(`/api/alerts/${encodeURIComponent(id)}`);
    return res.ok ? AlertEpisode.parse(await res.json()) : undefined;
  };

  /**
   * Acknowledges one alert; `false` when someone else had just done it (400, and the alert
   * now carries their acknowledgement, which the page then shows instead).
   */
  async function postAck(id: string, reason: AckReason, text: string): Promise<boolean> {
    const res = await api(`/api/alerts/${encodeURIComponent(id)}/ack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason, ...(text ? { text } : {}) }),
    });
    if (res.ok) {
      o.keep(AlertEpisode.parse(await res.json()));
      return true;
    }
    const now = res.status === 400 ? await readAlert(id) : undefined;
    if (!now?.acknowledgement) throw new Error(String(res.status));
    o.keep(now);
    return false;
  }

  /** Acknowledges the group once: its first member, then any the server's cause did not cover (resolved ones). */
  async function acknowledge(cause: string, reason: AckReason, text: string): Promise<void> {
    const group = o.groupOf(cause);
    if (!group) return;
    setUi(cause, { sending: true });
    try {
      const [first, ...rest] = ackTargets(group);
      let mine = first ? await postAck(first.id, reason, text) : false;
      for (const other of rest) {
        const now = (await readAlert(other.id)) ?? other;
        if (now.acknowledgement) o.keep(now);
        else mine = (await postAck(now.id, reason, text)) || mine;
      }
      forms.delete(cause);
      setUi(cause, { choosing: false, sending: false, notice: mine ? 'recorded' : null });
    } catch {
      setUi(cause, { sending: false, notice: 'failed' });
    }
  }

  return {
    actions: {
      startAck(cause) {
        setUi(cause, { choosing: true, notice: null });
        // The button that was pressed is gone: the keyboard goes on to the reason.
        forms.get(cause)?.querySelector('select')?.focus();
      },
      cancel(cause) {
        forms.delete(cause);
        setUi(cause, { choosing: false });
      },
      send: (cause, reason, text) => void acknowledge(cause, reason, text),
    },
    ui: uiOf,
    form: (cause) => forms.get(cause),
    keepForm(cause, form) {
      if (form) forms.set(cause, form);
    },
  };
}
