import { describe, expect, it } from 'vitest';
import { startKeepalive, type KeepaliveTimers } from './mqtt-keepalive.ts';

/** One interval timer the test fires by hand. */
function manualTimers() {
  let tick: (() => void) | undefined;
  const timers: KeepaliveTimers = {
    setInterval: (fn) => (tick = fn),
    clearInterval: () => (tick = undefined),
  };
  return { timers, fire: () => tick?.(), running: () => tick !== undefined };
}

describe('keepalive (MQTT 3.1.1 §3.1.2.10, §3.12)', () => {
  it('pings every interval while the broker answers', () => {
    const { timers, fire } = manualTimers();
    let pings = 0;
    let dead = false;
    const k = startKeepalive({ intervalMs: 1000, ping: () => pings++, dead: () => (dead = true), timers });
    for (let i = 0; i < 3; i++) {
      fire();
      k.received();
    }
    expect(pings).toBe(3);
    expect(dead).toBe(false);
  });

  it('declares the broker dead after a whole interval without an answer to its PINGREQ, once', () => {
    const { timers, fire, running } = manualTimers();
    let pings = 0;
    let dead = 0;
    startKeepalive({ intervalMs: 1000, ping: () => pings++, dead: () => dead++, timers });
    fire();
    expect(dead).toBe(0);
    fire();
    expect(dead).toBe(1);
    expect(pings).toBe(1);
    expect(running()).toBe(false);
  });

  it('stops pinging on stop', () => {
    const { timers, running } = manualTimers();
    const k = startKeepalive({ intervalMs: 1000, ping: () => undefined, dead: () => undefined, timers });
    k.stop();
    expect(running()).toBe(false);
  });
});
