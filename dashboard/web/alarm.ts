/**
 * Sound and vibration for a new alert, where the browser allows them. Browsers refuse audio
 * before a user gesture and some have no vibration (iOS): every call is guarded and never
 * throws; the visual banner is the alert, the sound only draws the eye to it.
 */
export interface Alarm {
  ring(): void;
  /** Call from a user gesture (any tap) so later rings may play. */
  unlock(): void;
}

export function createAlarm(): Alarm {
  let ctx: AudioContext | undefined;
  const audio = (): AudioContext | undefined => {
    try {
      ctx ??= new AudioContext();
      return ctx;
    } catch {
      return undefined;
    }
  };
  return {
    unlock() {
      try {
        void audio()?.resume();
      } catch {
        /* no audio here */
      }
    },
    ring() {
      try {
        const a = audio();
        if (a && a.state === 'running') {
          // Three 880 Hz beeps of 0.2 s, 0.15 s apart: audible over a running engine.
          for (let i = 0; i < 3; i++) {
            const start = a.currentTime + i * 0.35;
            const osc = a.createOscillator();
            const gain = a.createGain();
            osc.frequency.value = 880;
            gain.gain.value = 0.3;
            osc.connect(gain).connect(a.destination);
            osc.start(start);
            osc.stop(start + 0.2);
          }
        }
      } catch {
        /* sound refused: the banner remains */
      }
      try {
        // Chrome refuses (and logs an error) before the user has tapped the page once.
        const activated = (navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation;
        if (activated?.hasBeenActive && typeof navigator.vibrate === 'function')
          navigator.vibrate([300, 150, 300, 150, 300]);
      } catch {
        /* vibration refused */
      }
    },
  };
}
