/** One MQTT message waiting to be published, in recording order. */
export interface OutboxItem {
  kind: 'telemetry' | 'ack';
  topic: string;
  payload: string;
  /** Readings it carries (0 for an acknowledgement). */
  readings: number;
  /** Told once: published (no error) or given up (error). */
  settle?: (error?: Error) => void;
}

/**
 * The driver's acknowledgements wait here, oldest first, until the broker has acknowledged
 * them (QoS 1 PUBACK); readings wait in the van's backlog instead (reading-backlog.ts). Bounded, because a van's memory is: when full, the oldest message is
 * dropped (and counted), so the most recent data, the most useful for a live alert, survives.
 */
export function createOutbox(capacity: number) {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error('outbox capacity: a positive integer');
  const items: OutboxItem[] = [];
  let dropped = 0;

  return {
    push(item: OutboxItem): void {
      if (items.length >= capacity) {
        const oldest = items.shift();
        dropped += 1;
        oldest?.settle?.(new Error('store-and-forward buffer full: oldest message dropped'));
      }
      items.push(item);
    },
    peek: (): OutboxItem | undefined => items[0],
    /** Removes the head once the broker has it. */
    shift(item: OutboxItem): void {
      if (items[0] === item) items.shift();
    },
    size: () => items.length,
    dropped: () => dropped,
    /** Empties the outbox at shutdown, telling each waiter why. */
    clear(reason: string): number {
      const left = items.splice(0);
      for (const item of left) item.settle?.(new Error(reason));
      return left.length;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
