/** The timers the keepalive uses; injectable, so its logic is tested without waiting. */
export interface KeepaliveTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface KeepaliveOptions {
  /** The keepalive announced in CONNECT, ms (MQTT 3.1.1 §3.1.2.10). */
  intervalMs: number;
  /** Sends a PINGREQ. */
  ping(): void;
  /** The broker answered nothing for a whole interval after a PINGREQ: drop the connection. */
  dead(): void;
  timers?: KeepaliveTimers;
}

export interface Keepalive {
  /** Any packet from the broker proves it alive. */
  received(): void;
  stop(): void;
}

const realTimers: KeepaliveTimers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * A PINGREQ every interval, whatever else we send (PUBACKs count as traffic for the broker,
 * but a PINGREQ is the one packet it must answer, §3.12). If nothing at all came back in the
 * interval after a PINGREQ, the broker is gone or frozen (a half-open TCP connection never
 * errors by itself): `dead` is called, at most 2 intervals after the broker went silent.
 */
export function startKeepalive(options: KeepaliveOptions): Keepalive {
  const timers = options.timers ?? realTimers;
  let awaitingAnswer = false;
  const handle = timers.setInterval(() => {
    if (awaitingAnswer) {
      timers.clearInterval(handle);
      options.dead();
      return;
    }
    awaitingAnswer = true;
    options.ping();
  }, options.intervalMs);
  return {
    received() {
      awaitingAnswer = false;
    },
    stop() {
      timers.clearInterval(handle);
    },
  };
}
