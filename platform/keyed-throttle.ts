import { realTimer, type Timer } from './batching-emitter.ts';

/**
 * At most one item per key per `intervalMs`, always the latest, each key on its own window:
 * an idle key's item goes out at once, whatever other keys do. Ingest announces van states
 * with it (issue 9), so a van's first state never waits behind another van's window.
 */
export function createKeyedThrottle<T>(options: {
  intervalMs: number;
  keyOf(item: T): string;
  emit(item: T): void;
  timer?: Timer;
}) {
  const timer = options.timer ?? realTimer;
  const windows = new Map<string, { handle: unknown; pending: T | undefined }>();
  let closed = false;
  const open = (key: string) => {
    const window = { handle: undefined as unknown, pending: undefined as T | undefined };
    window.handle = timer.setTimeout(() => {
      windows.delete(key);
      if (window.pending !== undefined) push(window.pending);
    }, options.intervalMs);
    windows.set(key, window);
  };
  function push(item: T): void {
    if (closed) return;
    const key = options.keyOf(item);
    const window = windows.get(key);
    if (window) {
      window.pending = item;
      return;
    }
    open(key);
    options.emit(item);
  }
  return {
    push,
    /** Emits what is pending now (a service stopping keeps its last state). */
    flush() {
      for (const window of windows.values()) {
        const item = window.pending;
        window.pending = undefined;
        if (item !== undefined) options.emit(item);
      }
    },
    /** Drops pending items and timers; `push` after `close` is ignored. */
    close() {
      closed = true;
      for (const window of windows.values()) timer.clearTimeout(window.handle);
      windows.clear();
    },
  };
}
