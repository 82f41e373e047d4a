/**
 * Coalesces a stream of items per key so that each key is emitted at most once per
 * `intervalMs`, always with its latest item. A van reporting every 100 ms must not make
 * every browser repaint ten times a second; the page only needs the newest state.
 *
 * Leading and trailing edge, one timer for all keys: when idle, an item goes out at once
 * (no added latency for a quiet fleet); while the window is open, items wait in `pending`
 * (latest per key wins) and go out when the timer fires. The timer stops when a window
 * ends with nothing pending, so an idle dashboard keeps no timer alive.
 */
export interface Timer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BatchingEmitterOptions<T> {
  /** Smallest gap between two emits of the same key, ms. */
  intervalMs: number;
  keyOf(item: T): string;
  emit(item: T): void;
  /** Injectable so the window logic is tested without waiting (MQTT.js KeepaliveManager style). */
  timer?: Timer;
}

export interface BatchingEmitter<T> {
  push(item: T): void;
  /** Items waiting for the current window to end. */
  pendingCount(): number;
  /** Drops pending items and the timer; `push` after `close` is ignored. */
  close(): void;
}

/** Node's own timers. */
export const realTimer: Timer = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createBatchingEmitter<T>(options: BatchingEmitterOptions<T>): BatchingEmitter<T> {
  const timer = options.timer ?? realTimer;
  const pending = new Map<string, T>();
  let handle: unknown;
  let windowOpen = false;
  let closed = false;

  const openWindow = () => {
    windowOpen = true;
    handle = timer.setTimeout(onWindowEnd, options.intervalMs);
  };

  function onWindowEnd(): void {
    windowOpen = false;
    if (closed || pending.size === 0) return;
    const items = [...pending.values()];
    pending.clear();
    // Re-open before emitting: these keys have just been emitted, their next item must wait.
    openWindow();
    for (const item of items) options.emit(item);
  }

  return {
    push(item) {
      if (closed) return;
      if (windowOpen) {
        pending.set(options.keyOf(item), item);
        return;
      }
      openWindow();
      options.emit(item);
    },
    pendingCount: () => pending.size,
    close() {
      closed = true;
      pending.clear();
      if (windowOpen) timer.clearTimeout(handle);
      windowOpen = false;
    },
  };
}
