import { describe, expect, it } from 'vitest';
import { createOutbox } from './outbox.ts';

const item = (n: number) => ({ kind: 'telemetry' as const, topic: 't', payload: String(n), readings: 1 });

describe('outbox', () => {
  it('keeps messages in order until each is acknowledged', () => {
    const box = createOutbox(10);
    for (let i = 1; i <= 3; i++) box.push(item(i));
    const first = box.peek()!;
    expect(first.payload).toBe('1');
    box.shift(first);
    expect(box.peek()!.payload).toBe('2');
    expect(box.size()).toBe(2);
  });

  it('drops the oldest when full and tells its waiter', () => {
    const box = createOutbox(2);
    const errors: string[] = [];
    box.push({ ...item(1), settle: (e) => errors.push(e?.message ?? 'ok') });
    box.push(item(2));
    box.push(item(3));
    expect(box.size()).toBe(2);
    expect(box.dropped()).toBe(1);
    expect(box.peek()!.payload).toBe('2');
    expect(errors[0]).toMatch(/buffer full/);
  });
});
