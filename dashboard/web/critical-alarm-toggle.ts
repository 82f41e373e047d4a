import type { AlertEpisode } from '../../core/alert-episode.ts';
import { createAlarm } from './alarm.ts';
import { el } from './dom.ts';
import { TEXT } from '../text/catalogue.ts';
import { compartmentName } from '../text/code-words.ts';
import { capitalise } from '../text/format.ts';
import type { Lang } from '../text/lang.ts';

/** Where the choice is remembered on this device (localStorage). */
export const ALARM_KEY = 'givre.criticalAlarm';

export interface CriticalAlarmToggle {
  node: HTMLElement;
  render(lang: Lang): void;
  /** A critical alert just opened: rings and notifies if the person opted in. */
  announce(episode: AlertEpisode, lang: Lang): void;
}

const read = (): boolean => {
  try {
    return localStorage.getItem(ALARM_KEY) === 'on';
  } catch {
    return false; // storage refused (private mode): off, the safe default
  }
};
const write = (on: boolean) => {
  try {
    if (on) localStorage.setItem(ALARM_KEY, 'on');
    else localStorage.removeItem(ALARM_KEY);
  } catch {
    /* not remembered; still on for this visit */
  }
};
const notifications = (): NotificationPermission | undefined =>
  typeof Notification === 'function' ? Notification.permission : undefined;

/**
 * The desk's opt-in for new critical alerts (issue 12): off unless the person turns it on,
 * because browsers allow sound and notifications only after a user gesture and a depot
 * desk may be shared. The sound is the driver's (alarm.ts); the notification needs the
 * browser's permission, asked when it is turned on. The screen stays the alert: this only
 * draws the eye to it.
 */
export function createCriticalAlarmToggle(initialLang: Lang): CriticalAlarmToggle {
  const alarm = createAlarm();
  let on = read();
  let lang = initialLang;
  const button = el('button', { className: 'lbtn lbtn--quiet alarmtoggle', testId: 'alarm-toggle' });
  button.type = 'button';
  const render = (next: Lang) => {
    lang = next;
    const t = TEXT[lang].fleet.alarm;
    button.setAttribute('aria-pressed', String(on));
    button.title = t.title;
    button.textContent = !on ? t.off : notifications() === 'denied' ? t.blocked : t.on;
  };
  button.addEventListener('click', () => {
    on = !on;
    write(on);
    if (on) {
      alarm.unlock();
      if (notifications() === 'default') void Notification.requestPermission().then(() => render(lang));
    }
    render(lang);
  });
  // Remembered as on: the sound still needs this visit's first gesture before it may play.
  if (on) {
    const unlock = () => alarm.unlock();
    document.addEventListener('pointerdown', unlock, { once: true });
    document.addEventListener('keydown', unlock, { once: true });
  }
  return {
    node: button,
    render,
    announce(episode, at) {
      if (!on) return;
      alarm.ring();
      if (notifications() !== 'granted') return;
      const where = episode.compartment ? ` · ${compartmentName(episode.compartment, at, 'label')}` : '';
      try {
        new Notification(TEXT[at].fleet.notificationTitle, {
          body: `${episode.van}${where} · ${capitalise(TEXT[at].common.alertKinds[episode.kind], at)}`,
          tag: episode.id,
        });
      } catch {
        /* some browsers allow notifications only from a service worker */
      }
    },
  };
}
