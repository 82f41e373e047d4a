import { describe, expect, it } from 'vitest';
import { checkPublish } from './publish-guard.ts';

describe('checkPublish', () => {
  it.each([
    ['$SYS/broker/uptime', 10, 'sys-topic'],
    ['$SYS', 10, 'sys-topic'],
    ['givre/v1/vans/VAN-01/telemetry', 1024 * 1024, 'oversize'],
    ['givre/v1/vans/VAN-01/telemetry', 1000, null],
  ] as const)('%s with %d bytes → %s', (topic, bytes, expected) => {
    expect(checkPublish(topic, bytes, 768 * 1024)).toBe(expected);
  });
});
